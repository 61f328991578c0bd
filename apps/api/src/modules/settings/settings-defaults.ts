import type { SettingsValues } from '@gestco/contract';

/** What a fresh installation shows until an admin saves a section. */
export const SETTINGS_DEFAULTS: SettingsValues = {
  company: {
    name: 'Mon entreprise',
    addressLines: [],
    postalCode: null,
    city: null,
    country: 'FR',
    vatNumber: null,
    logoUrl: null,
    emailSenderName: 'Mon entreprise',
    emailSenderAddress: 'no-reply@example.com',
  },
  general: {
    timeZone: 'Europe/Paris',
    defaultCountry: 'FR',
    baseCurrency: 'EUR',
    orderReferenceFormat: 'CMD-{year}-{seq:6}',
  },
  catalogue: {
    // French rates: normal, intermediate, reduced, super-reduced, exempt.
    vatRates: ['20', '10', '5.5', '2.1', '0'],
    defaultVatRate: '20',
  },
  orders: {
    paymentMethods: ['Carte bancaire', 'Virement', 'Espèces', 'Chèque'],
    shippingMethods: [
      { name: 'Retrait en magasin', fee: 0, carrier: null },
      { name: 'Colissimo', fee: 690, carrier: 'La Poste' },
      { name: 'Chronopost 24h', fee: 1290, carrier: 'Chronopost' },
    ],
    carriers: [
      {
        name: 'La Poste',
        trackingUrlTemplate: 'https://www.laposte.fr/outils/suivre-vos-envois?code={code}',
      },
      {
        name: 'Chronopost',
        trackingUrlTemplate:
          'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={code}',
      },
      {
        name: 'DHL',
        trackingUrlTemplate: 'https://www.dhl.com/fr-fr/home/suivi.html?tracking-id={code}',
      },
    ],
  },
  notifications: {
    notifyByDefault: {
      order_created: true,
      status_in_progress: false,
      status_shipped: true,
      status_completed: false,
      status_cancelled: true,
    },
    sendToClient: true,
    staffRecipients: 'none',
    paymentUrlTemplate: null,
  },
  currencies: { rates: [] },
};
