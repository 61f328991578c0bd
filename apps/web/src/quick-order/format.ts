import { minorDigits } from '@gestco/contract';

/**
 * Prices on the public page: any ISO 4217 currency (JPY has no decimals, KWD
 * three), in the client's language. The staff app's `lib/money.ts` assumes cents
 * and the staff's own language, so this page has its own small formatter.
 */
export function createPriceFormatter(locale: string, currency: string) {
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return (minor: number) => formatter.format(minor / scale);
}

/** "10.00" → "10" and "5.50" → "5,5" in French: rates as people write them. */
export function formatRate(rate: string, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(rate));
}

/** Today as YYYY-MM-DD in local time: the earliest delivery date the date field offers. */
export function today(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
