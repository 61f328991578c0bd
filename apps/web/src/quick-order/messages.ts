/**
 * The public page's words, French and English: a dictionary and a ten-line
 * translator rather than i18next and the staff catalogues (~1,300 keys), so a
 * phone downloads only what this page says.
 */
const fr = {
  loading: 'Chargement…',
  invalidTitle: "Ce lien n'est pas valide",
  invalidBody:
    'Il a peut-être expiré ou été remplacé. Demandez un nouveau lien à votre interlocuteur.',
  loadFailed: "La page n'a pas pu être chargée.",
  networkError: 'Connexion impossible. Vérifiez votre réseau puis réessayez.',
  rateLimited: 'Trop de demandes. Réessayez dans {{seconds}} s.',
  rateLimitedSoon: 'Trop de demandes. Réessayez dans un instant.',
  retry: 'Réessayer',
  orderTitle: 'Commande',
  greeting: 'Bonjour {{name}}',
  intro: 'Vos prix, hors taxes, en {{currency}}.',
  discountIncluded: 'Votre remise de {{rate}} % est déjà appliquée.',
  search: 'Rechercher un produit',
  categories: 'Catégories',
  allCategories: 'Tout',
  productsFound_one: '{{count}} produit',
  productsFound_other: '{{count}} produits',
  noResults: 'Aucun produit ne correspond à votre recherche.',
  showMore_one: 'Afficher le dernier produit',
  showMore_other: 'Afficher plus de produits ({{count}} restants)',
  noProducts: "Aucun produit n'est proposé pour le moment.",
  in_stock: 'En stock',
  low_stock: 'Stock limité',
  on_order: 'Sur commande',
  perUnit: 'HT / {{unit}}',
  insteadOf: 'au lieu de',
  sku: 'Réf. {{sku}}',
  spec: '{{name}} : {{value}}',
  quantityOf: 'Quantité de {{name}}',
  decrease: 'Un de moins : {{name}}',
  increase: 'Un de plus : {{name}}',
  cart: 'Votre panier',
  items_one: '{{count}} article',
  items_other: '{{count}} articles',
  showCart: 'Voir le panier',
  hideCart: 'Fermer le panier',
  emptyCart: 'Votre panier est vide : choisissez les quantités ci-dessus.',
  remove: 'Retirer {{name}}',
  lineDetail: '{{quantity}} × {{price}}',
  subtotal: 'Sous-total HT',
  clientDiscount: 'Votre remise ({{rate}} %)',
  net: 'Total HT',
  vat: 'TVA {{rate}} %',
  total: 'Total TTC',
  comment: 'Commentaire (facultatif)',
  deliveryDate: 'Date de livraison souhaitée (facultatif)',
  submit: 'Envoyer la commande',
  submitting: 'Envoi en cours…',
  maxLines: 'Une commande compte au plus {{max}} produits différents.',
  orderFailed: "La commande n'a pas pu être envoyée.",
  orderConflict:
    "Un produit de votre panier n'est plus proposé. Rechargez la page pour voir le catalogue à jour.",
  orderInvalid: 'Certaines informations sont invalides. Vérifiez la date et les quantités.',
  reload: 'Recharger la page',
  thanksTitle: 'Merci, votre commande est enregistrée',
  reference: 'Référence',
  thanksBody: 'Gardez cette référence : elle nous permet de retrouver votre commande.',
  newOrder: 'Passer une autre commande',
  product: 'Produit',
  quantity: 'Quantité',
  amount: 'Montant',
};

export type MessageKey = keyof typeof fr;
type PluralBase<K> = K extends `${infer Base}_one` ? Base : never;
export type PluralKey = PluralBase<MessageKey>;

const en: Record<MessageKey, string> = {
  loading: 'Loading…',
  invalidTitle: 'This link is not valid',
  invalidBody: 'It may have expired or been replaced. Ask your contact for a new link.',
  loadFailed: 'The page could not be loaded.',
  networkError: 'Cannot connect. Check your network and try again.',
  rateLimited: 'Too many requests. Try again in {{seconds}} s.',
  rateLimitedSoon: 'Too many requests. Try again in a moment.',
  retry: 'Try again',
  orderTitle: 'Order',
  greeting: 'Hello {{name}}',
  intro: 'Your prices, excluding VAT, in {{currency}}.',
  discountIncluded: 'Your {{rate}}% discount is already applied.',
  search: 'Search products',
  categories: 'Categories',
  allCategories: 'All',
  productsFound_one: '{{count}} product',
  productsFound_other: '{{count}} products',
  noResults: 'No product matches your search.',
  showMore_one: 'Show the last product',
  showMore_other: 'Show more products ({{count}} left)',
  noProducts: 'No products are on offer at the moment.',
  in_stock: 'In stock',
  low_stock: 'Limited stock',
  on_order: 'On order',
  perUnit: 'excl. VAT / {{unit}}',
  insteadOf: 'instead of',
  sku: 'Ref. {{sku}}',
  spec: '{{name}}: {{value}}',
  quantityOf: 'Quantity of {{name}}',
  decrease: 'One less: {{name}}',
  increase: 'One more: {{name}}',
  cart: 'Your cart',
  items_one: '{{count}} item',
  items_other: '{{count}} items',
  showCart: 'View cart',
  hideCart: 'Close cart',
  emptyCart: 'Your cart is empty: choose quantities above.',
  remove: 'Remove {{name}}',
  lineDetail: '{{quantity}} × {{price}}',
  subtotal: 'Subtotal excl. VAT',
  clientDiscount: 'Your discount ({{rate}}%)',
  net: 'Total excl. VAT',
  vat: 'VAT {{rate}}%',
  total: 'Total incl. VAT',
  comment: 'Comment (optional)',
  deliveryDate: 'Requested delivery date (optional)',
  submit: 'Place order',
  submitting: 'Sending…',
  maxLines: 'An order has at most {{max}} different products.',
  orderFailed: 'The order could not be sent.',
  orderConflict:
    'A product in your cart is no longer on offer. Reload the page to see the current catalogue.',
  orderInvalid: 'Some details are not valid. Check the date and the quantities.',
  reload: 'Reload the page',
  thanksTitle: 'Thank you, your order is in',
  reference: 'Reference',
  thanksBody: 'Keep this reference: it lets us find your order.',
  newOrder: 'Place another order',
  product: 'Product',
  quantity: 'Quantity',
  amount: 'Amount',
};

export const CATALOGUES = { fr, en } as const;
export type Language = keyof typeof CATALOGUES;

export interface Translator {
  language: Language;
  /** The Intl locale numbers and dates are written in. */
  locale: string;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** `key_one` / `key_other` by the language's plural rules, with {{count}}. */
  tc: (key: PluralKey, count: number) => string;
}

const fill = (text: string, values: Record<string, string | number> = {}) =>
  text.replace(/\{\{(\w+)\}\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );

export function isLanguage(value: string): value is Language {
  return value in CATALOGUES;
}

/** The first of the reader's languages this page speaks; French, Gestco's first language, otherwise. */
export function browserLanguage(
  languages: readonly string[] = navigator.languages ?? [],
): Language {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return 'fr';
}

/**
 * Numbers in the client's language, with the reader's own region when the browser
 * speaks that language ("en" + en-US browser → $9.90; + en-GB → US$9.90).
 */
export function localeFor(
  language: Language,
  languages: readonly string[] = navigator.languages ?? [],
) {
  const regional = languages.find((tag) => tag.toLowerCase().split('-')[0] === language);
  return regional ?? language;
}

export function createTranslator(language: Language, locale = localeFor(language)): Translator {
  const catalogue: Record<MessageKey, string> = CATALOGUES[language];
  const plural = new Intl.PluralRules(locale);
  return {
    language,
    locale,
    t: (key, values) => fill(catalogue[key], values),
    tc: (key, count) => {
      const form = plural.select(count) === 'one' ? 'one' : 'other';
      return fill(catalogue[`${key}_${form}`], { count });
    },
  };
}
