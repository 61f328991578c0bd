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
};
