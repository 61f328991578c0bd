import { intlLocale } from '@/lib/format-date';

/**
 * "12 pièces", "1 pièce", "2,5 kg": a quantity with its sales unit. French plural
 * for words (two or more take an s), none for symbols such as kg, m or L.
 */
export function quantityWithUnit(quantity: number, unit: string, language: string): string {
  const figure = new Intl.NumberFormat(intlLocale(language)).format(quantity);
  const isWord = /^\p{L}{3,}$/u.test(unit) && !/[sxz]$/i.test(unit);
  const plural = language.startsWith('en') ? Math.abs(quantity) !== 1 : Math.abs(quantity) >= 2;
  return `${figure} ${isWord && plural ? `${unit}s` : unit}`;
}

/** "+12", "−2" (a true minus sign), "0": a stock movement's direction at a glance. */
export function formatDelta(delta: number, language: string): string {
  const figure = new Intl.NumberFormat(intlLocale(language)).format(Math.abs(delta));
  if (delta > 0) return `+${figure}`;
  if (delta < 0) return `\u2212${figure}`;
  return figure;
}

/** A whole number as typed ("12", "-2", " 3 "), or null. */
export function parseInteger(text: string): number | null {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  if (!/^-?\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}
