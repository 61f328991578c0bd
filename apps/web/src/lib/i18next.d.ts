import 'i18next';
import type fr from './locales/fr.json';

// Typed keys: t('nav.orders') is checked against the French catalogue at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}
