import type { ReportGrouping, ReportMetric } from '@gestco/contract';
import type { Lang } from './file-writers.ts';

/**
 * Words that end up in files (column titles, status names): a file leaves the app, so it
 * carries the words of the user's language rather than codes.
 */
type Words = Record<string, Record<Lang, string>>;

const VALUES: Words = {
  pending: { fr: 'En attente', en: 'Pending' },
  in_progress: { fr: 'En cours', en: 'In progress' },
  shipped: { fr: 'Expédiée', en: 'Shipped' },
  completed: { fr: 'Terminée', en: 'Completed' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
  unpaid: { fr: 'Non payée', en: 'Unpaid' },
  paid: { fr: 'Payée', en: 'Paid' },
  partially_refunded: { fr: 'Partiellement remboursée', en: 'Partially refunded' },
  refunded: { fr: 'Remboursée', en: 'Refunded' },
  manual: { fr: 'Saisie', en: 'Manual' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  store: { fr: 'Comptoir', en: 'Counter' },
  quick_link: { fr: 'Lien de commande rapide', en: 'Quick-order link' },
  import: { fr: 'Import', en: 'Import' },
  api: { fr: 'API', en: 'API' },
  current: { fr: 'Client', en: 'Client' },
  prospect: { fr: 'Prospect', en: 'Prospect' },
  company: { fr: 'Entreprise', en: 'Company' },
  individual: { fr: 'Particulier', en: 'Individual' },
  hot: { fr: 'Chaud', en: 'Hot' },
  warm: { fr: 'Tiède', en: 'Warm' },
  cold: { fr: 'Froid', en: 'Cold' },
  not_interested: { fr: 'Pas intéressé', en: 'Not interested' },
  receipt: { fr: 'Réception', en: 'Receipt' },
  adjustment: { fr: 'Ajustement', en: 'Adjustment' },
  order_reserve: { fr: 'Réservation commande', en: 'Order reservation' },
  order_deduct: { fr: 'Sortie commande', en: 'Order deduction' },
  order_restore: { fr: 'Retour en stock (annulation)', en: 'Restored (cancellation)' },
  return: { fr: 'Retour client', en: 'Return' },
  queued: { fr: 'En file', en: 'Queued' },
  sending: { fr: 'En cours d’envoi', en: 'Sending' },
  sent: { fr: 'Envoyé', en: 'Sent' },
  failed: { fr: 'Échec', en: 'Failed' },
  order_created: { fr: 'Commande créée', en: 'Order created' },
  status_in_progress: { fr: 'Commande en cours', en: 'Order in progress' },
  status_shipped: { fr: 'Commande expédiée', en: 'Order shipped' },
  status_completed: { fr: 'Commande terminée', en: 'Order completed' },
  status_cancelled: { fr: 'Commande annulée', en: 'Order cancelled' },
  payment_link: { fr: 'Lien de paiement', en: 'Payment link' },
  quick_link_email: { fr: 'Lien de commande rapide', en: 'Quick-order link' },
  client: { fr: 'Client', en: 'Client' },
  staff: { fr: 'Équipe', en: 'Staff' },
};

/** The word for a stored value (status, origin, kind…), or the value itself. */
export const word = (value: string | null | undefined, lang: Lang) =>
  value ? (VALUES[value]?.[lang] ?? value) : '';

export const METRIC_WORDS: Record<ReportMetric, Record<Lang, string>> = {
  order_count: { fr: 'Commandes', en: 'Orders' },
  revenue_net: { fr: 'CA HT', en: 'Net revenue' },
  revenue_gross: { fr: 'CA TTC', en: 'Gross revenue' },
  units_sold: { fr: 'Unités vendues', en: 'Units sold' },
  average_basket: { fr: 'Panier moyen TTC', en: 'Average basket' },
  refund_amount: { fr: 'Remboursements', en: 'Refunds' },
};

export const GROUPING_WORDS: Record<ReportGrouping, Record<Lang, string>> = {
  day: { fr: 'Jour', en: 'Day' },
  week: { fr: 'Semaine (lundi)', en: 'Week (Monday)' },
  month: { fr: 'Mois', en: 'Month' },
  status: { fr: 'Statut', en: 'Status' },
  payment_status: { fr: 'Paiement', en: 'Payment' },
  product: { fr: 'Produit', en: 'Product' },
  client: { fr: 'Client', en: 'Client' },
  operator: { fr: 'Opérateur', en: 'Operator' },
  origin: { fr: 'Origine', en: 'Origin' },
  payment_method: { fr: 'Moyen de paiement', en: 'Payment method' },
  shipping_method: { fr: 'Mode de livraison', en: 'Shipping method' },
  tag: { fr: 'Étiquette', en: 'Tag' },
  country: { fr: 'Pays', en: 'Country' },
};

/** File names: French first, no spaces or accents (they travel through mail and shares). */
export const FILE_WORDS: Record<string, Record<Lang, string>> = {
  orders: { fr: 'commandes', en: 'orders' },
  clients: { fr: 'clients', en: 'clients' },
  products: { fr: 'produits', en: 'products' },
  'stock-movements': { fr: 'mouvements-de-stock', en: 'stock-movements' },
  notifications: { fr: 'emails', en: 'emails' },
  report: { fr: 'rapport', en: 'report' },
};

export const NONE: Record<Lang, string> = { fr: '(non renseigné)', en: '(not set)' };
export const OTHERS: Record<Lang, string> = { fr: 'Autres', en: 'Others' };
export const TOTAL: Record<Lang, string> = { fr: 'Total', en: 'Total' };
export const FREE_LINES: Record<Lang, string> = { fr: 'Lignes libres', en: 'Free-text lines' };
