import type { Locale, NotificationEvent } from '@gestco/contract';

export interface TemplateParts {
  subject: string;
  html: string;
  text: string;
}

/** Variables every template may use, documented in the editor (description per language). */
export const TEMPLATE_VARIABLES: { name: string; fr: string; en: string; example: string }[] = [
  { name: 'client.name', fr: 'Nom du client', en: "Client's name", example: 'Boulangerie Martin' },
  { name: 'client.code', fr: 'Code client', en: 'Client code', example: 'K7M2QX' },
  {
    name: 'order.reference',
    fr: 'Référence de la commande',
    en: 'Order reference',
    example: 'CMD-2026-000123',
  },
  {
    name: 'order.status',
    fr: 'Statut (dans la langue du client)',
    en: "Status (in the client's language)",
    example: 'Expédiée',
  },
  {
    name: 'order.total',
    fr: 'Total TTC formaté',
    en: 'Total incl. VAT, formatted',
    example: '1 234,56 €',
  },
  { name: 'order.date', fr: 'Date de la commande', en: 'Order date', example: '22/11/2026' },
  { name: 'order.carrier', fr: 'Transporteur', en: 'Carrier', example: 'La Poste' },
  {
    name: 'order.trackingCode',
    fr: 'Numéro de suivi',
    en: 'Tracking code',
    example: '6A12345678901',
  },
  {
    name: 'order.trackingUrl',
    fr: 'Lien de suivi du colis',
    en: 'Parcel tracking link',
    example: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
  },
  {
    name: 'order.lines',
    fr: 'Tableau des articles (HTML) ou liste (texte)',
    en: 'Items table (HTML) or list (text)',
    example: '2 × Farine T65 — 12,40 €',
  },
  {
    name: 'order.paymentUrl',
    fr: 'Lien de paiement',
    en: 'Payment link',
    example: 'https://pay.example.com/CMD-2026-000123',
  },
  {
    name: 'order.comment',
    fr: 'Commentaire du changement de statut',
    en: 'Comment of the status change',
    example: 'Livraison mardi matin',
  },
  {
    name: 'message',
    fr: 'Message libre (email manuel)',
    en: 'Free message (manual email)',
    example: 'Bonjour…',
  },
  {
    name: 'quickLink.url',
    fr: 'Lien de commande rapide (email de lien)',
    en: 'Quick-order link (link email)',
    example: 'https://gestco.example.com/q/…',
  },
  {
    name: 'quickLink.expiresAt',
    fr: "Date d'expiration du lien (vide si aucune)",
    en: 'Link expiry date (empty if none)',
    example: '31/12/2026',
  },
  {
    name: 'company.name',
    fr: "Nom de l'entreprise",
    en: 'Company name',
    example: 'Mon entreprise',
  },
  {
    name: 'company.email',
    fr: "Email d'expédition",
    en: 'Sender email',
    example: 'contact@example.com',
  },
];
export const TEMPLATE_VARIABLE_NAMES = TEMPLATE_VARIABLES.map((v) => v.name);

const layout = (body: string, footer: string) => `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
${body}
<p style="margin-top:32px;font-size:12px;color:#52525b">${footer}</p>
</div></body></html>`;

const FR_FOOTER = '{{company.name}} — cet email concerne votre commande {{order.reference}}.';
const EN_FOOTER = '{{company.name}} — this email is about your order {{order.reference}}.';

type Defaults = Record<NotificationEvent, Record<Locale, TemplateParts>>;

function statusTemplate(
  fr: [string, string],
  en: [string, string],
  extraFr = '',
  extraEn = '',
): Record<Locale, TemplateParts> {
  return {
    fr: {
      subject: `${fr[0]} — {{order.reference}}`,
      html: layout(
        `<p>Bonjour {{client.name}},</p>\n<p>${fr[1]}</p>\n${extraFr}<p>Total : <strong>{{order.total}}</strong></p>\n{{order.lines}}`,
        FR_FOOTER,
      ),
      text: `Bonjour {{client.name}},\n\n${fr[1]}\n${extraFr ? '\n' + extraFr.replace(/<[^>]+>/g, '') + '\n' : ''}\nTotal : {{order.total}}\n\n{{order.lines}}\n\n{{company.name}}`,
    },
    en: {
      subject: `${en[0]} — {{order.reference}}`,
      html: layout(
        `<p>Hello {{client.name}},</p>\n<p>${en[1]}</p>\n${extraEn}<p>Total: <strong>{{order.total}}</strong></p>\n{{order.lines}}`,
        EN_FOOTER,
      ),
      text: `Hello {{client.name}},\n\n${en[1]}\n${extraEn ? '\n' + extraEn.replace(/<[^>]+>/g, '') + '\n' : ''}\nTotal: {{order.total}}\n\n{{order.lines}}\n\n{{company.name}}`,
    },
  };
}

/** Shipped with the product; "reset to default" brings these back. */
export const DEFAULT_TEMPLATES: Defaults = {
  order_created: statusTemplate(
    [
      'Nous avons bien reçu votre commande',
      'Merci ! Nous avons bien reçu votre commande {{order.reference}} du {{order.date}}. Nous vous écrirons à chaque étape.',
    ],
    [
      'We have received your order',
      'Thank you! We have received your order {{order.reference}} of {{order.date}}. We will write to you at each step.',
    ],
  ),
  status_in_progress: statusTemplate(
    [
      'Votre commande est en préparation',
      'Votre commande {{order.reference}} est en cours de préparation.',
    ],
    ['Your order is being prepared', 'Your order {{order.reference}} is being prepared.'],
  ),
  status_shipped: statusTemplate(
    [
      'Votre commande a été expédiée',
      'Votre commande {{order.reference}} a été expédiée avec {{order.carrier}}.',
    ],
    [
      'Your order has shipped',
      'Your order {{order.reference}} has shipped with {{order.carrier}}.',
    ],
    '<p>Numéro de suivi : {{order.trackingCode}} — <a href="{{order.trackingUrl}}">suivre le colis</a></p>\n',
    '<p>Tracking code: {{order.trackingCode}} — <a href="{{order.trackingUrl}}">track the parcel</a></p>\n',
  ),
  status_completed: statusTemplate(
    [
      'Votre commande est terminée',
      'Votre commande {{order.reference}} est terminée. Merci de votre confiance !',
    ],
    [
      'Your order is complete',
      'Your order {{order.reference}} is complete. Thank you for your trust!',
    ],
  ),
  status_cancelled: statusTemplate(
    [
      'Votre commande a été annulée',
      'Votre commande {{order.reference}} a été annulée. {{order.comment}}',
    ],
    [
      'Your order has been cancelled',
      'Your order {{order.reference}} has been cancelled. {{order.comment}}',
    ],
  ),
  payment_link: statusTemplate(
    [
      'Lien de paiement de votre commande',
      'Votre commande {{order.reference}} est en attente de paiement.',
    ],
    ['Payment link for your order', 'Your order {{order.reference}} is awaiting payment.'],
    '<p><a href="{{order.paymentUrl}}">Payer maintenant</a></p>\n',
    '<p><a href="{{order.paymentUrl}}">Pay now</a></p>\n',
  ),
  quick_link: {
    fr: {
      subject: 'Votre lien de commande — {{company.name}}',
      html: layout(
        '<p>Bonjour {{client.name}},</p>\n<p>Voici votre lien personnel pour commander chez {{company.name}} à vos conditions, sans compte ni mot de passe :</p>\n<p><a href="{{quickLink.url}}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none">Commander</a></p>\n<p style="font-size:12px;color:#52525b">{{quickLink.url}}</p>\n<p>Ce lien vous est réservé : ne le transmettez pas.</p>',
        '{{company.name}} — {{company.email}}',
      ),
      text: 'Bonjour {{client.name}},\n\nVoici votre lien personnel pour commander chez {{company.name}} à vos conditions, sans compte ni mot de passe :\n{{quickLink.url}}\n\nCe lien vous est réservé : ne le transmettez pas.\n\n{{company.name}}',
    },
    en: {
      subject: 'Your ordering link — {{company.name}}',
      html: layout(
        '<p>Hello {{client.name}},</p>\n<p>Here is your personal link to order from {{company.name}} at your own terms, with no account or password:</p>\n<p><a href="{{quickLink.url}}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none">Order</a></p>\n<p style="font-size:12px;color:#52525b">{{quickLink.url}}</p>\n<p>This link is yours alone: please do not share it.</p>',
        '{{company.name}} — {{company.email}}',
      ),
      text: 'Hello {{client.name}},\n\nHere is your personal link to order from {{company.name}} at your own terms, with no account or password:\n{{quickLink.url}}\n\nThis link is yours alone: please do not share it.\n\n{{company.name}}',
    },
  },
  manual: {
    fr: {
      subject: 'Au sujet de votre commande {{order.reference}}',
      html: layout(
        '<p>Bonjour {{client.name}},</p>\n<p style="white-space:pre-line">{{message}}</p>',
        FR_FOOTER,
      ),
      text: 'Bonjour {{client.name}},\n\n{{message}}\n\n{{company.name}}',
    },
    en: {
      subject: 'About your order {{order.reference}}',
      html: layout(
        '<p>Hello {{client.name}},</p>\n<p style="white-space:pre-line">{{message}}</p>',
        EN_FOOTER,
      ),
      text: 'Hello {{client.name}},\n\n{{message}}\n\n{{company.name}}',
    },
  },
};
