import { useTranslation } from 'react-i18next';
import { intlLocale } from './format-date';

/** 1234 → "1 234"; "10000+" → "10 000+": a count the API caps. */
export function formatCount(count: number | '10000+', language: string): string {
  const formatter = new Intl.NumberFormat(intlLocale(language));
  return count === '10000+' ? `${formatter.format(10000)}+` : formatter.format(count);
}

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

const PERCENT = /^(100([.,]0{1,2})?|\d{1,2}([.,]\d{1,2})?)$/;

/**
 * A typed percentage ("12,5", "12.50 %", "20") → the API's decimal string
 * ("12.5", "12.5", "20"), or null when it is not 0–100 with two decimals at most.
 */
export function parsePercent(text: string): string | null {
  const typed = text.replace(/[\s%]/g, '');
  if (!PERCENT.test(typed)) return null;
  return String(Number(typed.replace(',', '.')));
}

/** "12.5" → "12,5" (fr): the value a percentage input starts with. */
export function formatPercentInput(rate: string, language: string): string {
  const value = String(Number(rate));
  return language.startsWith('fr') ? value.replace('.', ',') : value;
}
