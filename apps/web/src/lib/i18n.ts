import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@gestco/contract';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const DEFAULT_LOCALE: Locale = 'fr';

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: ['fr', 'en'],
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false, // resources are bundled: ready on the first render
  showSupportNotice: false,
});

function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'fr';
}

export function applyLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

export { i18n };
