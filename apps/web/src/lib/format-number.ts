import { useTranslation } from 'react-i18next';
import { intlLocale } from './format-date';

const percentFormatters = new Map<string, Intl.NumberFormat>();

/** A percentage the API sends as a decimal string ("12.50") → "12,5 %" / "12.5%". Display only. */
export function formatPercent(rate: string, language: string): string {
  const locale = intlLocale(language);
  let formatter = percentFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
    percentFormatters.set(locale, formatter);
  }
  const value = Number(rate);
  return Number.isFinite(value) ? formatter.format(value / 100) : `${rate} %`;
}

export function useFormatPercent(): (rate: string) => string {
  const { i18n } = useTranslation();
  return (rate) => formatPercent(rate, i18n.language);
}
