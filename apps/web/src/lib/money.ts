import { useTranslation } from 'react-i18next';
import { intlLocale } from './format-date';

/**
 * The SPA's one money helper. The API speaks integer minor units (cents) of an
 * ISO 4217 currency; people read and type decimal amounts in their own notation.
 * Two decimals: the currencies Gestco serves (EUR, CHF, GBP, USD…) all have cents.
 */
const MINOR_DIGITS = 2;
const MINOR_PER_UNIT = 10 ** MINOR_DIGITS;

const currencyFormatters = new Map<string, Intl.NumberFormat>();
const amountFormatters = new Map<string, Intl.NumberFormat>();

/** 123450, "EUR", "fr" → "1 234,50 €"; "en" → "€1,234.50". Display only. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const locale = intlLocale(language);
  const key = `${locale}|${currency}`;
  let formatter = currencyFormatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      // An unknown code: still show the amount, with the code after it.
      return `${formatMoneyInput(minor, language)} ${currency}`;
    }
    currencyFormatters.set(key, formatter);
  }
  return formatter.format(minor / MINOR_PER_UNIT);
}

/** 1250 → "12,50" (fr) / "12.50" (en): the value an amount input starts with. No grouping. */
export function formatMoneyInput(minor: number, language: string): string {
  const locale = intlLocale(language);
  let formatter = amountFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      minimumFractionDigits: MINOR_DIGITS,
      maximumFractionDigits: MINOR_DIGITS,
      useGrouping: false,
    });
    amountFormatters.set(locale, formatter);
  }
  return formatter.format(minor / MINOR_PER_UNIT);
}

/**
 * A typed amount → minor units, or null when it is not a valid non-negative amount
 * with at most two decimals. Accepts either decimal mark whatever the language
 * ("12,50" and "12.50" are both 1250), spaces or the other mark as thousands
 * separators ("1 234,5", "1.234,50", "1,234.50"), and a currency sign. The one
 * ambiguous shape, a single mark followed by exactly three digits ("1,234"), reads
 * as the language means it: grouping in English, an (invalid) third decimal in French.
 * Integer arithmetic on the digits: no floating-point rounding.
 */
export function parseMoney(input: string, language: string): number | null {
  // Spaces (incl. the narrow no-break space Intl uses), Swiss apostrophes, "€", "EUR".
  const text = input.replace(/[\s'’]|\p{Sc}|\p{L}/gu, '');
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(text)) return null;

  let normalised: string;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma !== -1 && lastDot !== -1) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimal = lastComma > lastDot ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    const [integer = '', fraction = '', ...rest] = text.split(decimal);
    if (rest.length > 0 || !isGrouped(integer, grouping)) return null;
    normalised = `${integer.replaceAll(grouping, '')}.${fraction}`;
  } else if (lastComma !== -1 || lastDot !== -1) {
    const mark = lastComma !== -1 ? ',' : '.';
    const occurrences = text.split(mark).length - 1;
    if (occurrences > 1) {
      // "1.234.567": only a thousands separator repeats.
      if (!isGrouped(text, mark)) return null;
      normalised = text.replaceAll(mark, '');
    } else if (mark === ',' && !language.startsWith('fr') && /^\d{1,3},\d{3}$/.test(text)) {
      normalised = text.replace(',', '');
    } else {
      normalised = text.replace(mark, '.');
    }
  } else {
    normalised = text;
  }

  const match = /^(\d*)(?:\.(\d{0,2}))?$/.exec(normalised);
  if (!match || (match[1] === '' && !match[2])) return null;
  const units = Number(match[1] || '0');
  const fraction = Number((match[2] ?? '').padEnd(MINOR_DIGITS, '0'));
  const minor = units * MINOR_PER_UNIT + fraction;
  return Number.isSafeInteger(minor) ? minor : null;
}

/** "1.234.567" with "." → true: groups of three after the first. */
function isGrouped(integer: string, mark: string): boolean {
  return integer
    .split(mark)
    .every((group, index) =>
      index === 0 ? /^\d{1,3}$/.test(group) || !integer.includes(mark) : /^\d{3}$/.test(group),
    );
}

export function useMoney() {
  const { i18n } = useTranslation();
  return {
    format: (minor: number, currency: string) => formatMoney(minor, currency, i18n.language),
    formatInput: (minor: number) => formatMoneyInput(minor, i18n.language),
    parse: (input: string) => parseMoney(input, i18n.language),
  };
}
