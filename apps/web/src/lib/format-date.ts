import { useTranslation } from 'react-i18next';

/** The SPA's one date formatter: API times are UTC; people read them in their local time. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function intlLocale(language: string): string {
  // en-GB: day before month, like the French-speaking businesses Gestco serves.
  return language.startsWith('en') ? 'en-GB' : 'fr-FR';
}

export function formatDateTime(
  iso: string,
  language: string,
  style: 'datetime' | 'date' = 'datetime',
): string {
  const locale = intlLocale(language);
  const key = `${locale}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      locale,
      style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' },
    );
    formatters.set(key, formatter);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

export function useFormatDateTime(): (iso: string, style?: 'datetime' | 'date') => string {
  const { i18n } = useTranslation();
  return (iso, style) => formatDateTime(iso, i18n.language, style);
}
