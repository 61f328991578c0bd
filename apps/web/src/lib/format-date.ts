import { useTranslation } from 'react-i18next';

/** The SPA's one date formatter: API times are UTC; people read them in their local time. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function intlLocale(language: string): string {
  // en-GB: day before month, like the French-speaking businesses Gestco serves.
  return language.startsWith('en') ? 'en-GB' : 'fr-FR';
}

/** Intl formatters are slow to build: one per language and style. */
function cachedFormatter(
  language: string,
  style: string,
  options: () => Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const locale = intlLocale(language);
  const key = `${locale}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options());
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDateTime(
  iso: string,
  language: string,
  style: 'datetime' | 'date' = 'datetime',
): string {
  const formatter = cachedFormatter(language, style, () =>
    style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' },
  );
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

export function useFormatDateTime(): (iso: string, style?: 'datetime' | 'date') => string {
  const { i18n } = useTranslation();
  return (iso, style) => formatDateTime(iso, i18n.language, style);
}

/**
 * A local date of the business ("2026-03-15", as the reports send it) as people
 * read it: "15 mars 2026", or "15 mars" short. Not an instant: formatted in UTC,
 * so no reader's time zone moves it a day.
 */
export function formatLocalDay(
  day: string,
  language: string,
  style: 'medium' | 'short' = 'medium',
): string {
  const formatter = cachedFormatter(language, `local-day-${style}`, () =>
    style === 'short'
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { dateStyle: 'medium', timeZone: 'UTC' },
  );
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : formatter.format(date);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A day picked in a date input → the UTC instant the API wants: the start of that
 * day in the reader's time zone, or its last millisecond for an upper bound. Null
 * when it is not a real day.
 */
export function dayToIso(day: string, bound: 'start' | 'end'): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  const start = new Date(year, month - 1, date);
  if (Number.isNaN(start.getTime()) || start.getDate() !== date) return null;
  const instant =
    bound === 'start' ? start : new Date(new Date(year, month - 1, date + 1).getTime() - 1);
  return instant.toISOString();
}

/** An API instant → the local day a date input shows ("2026-03-02"). */
export function isoToDay(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A local time as a datetime-local input wants it: "2026-03-02T10:30". */
export function localDateTimeInput(date: Date): string {
  return `${isoToDay(date.toISOString())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
