import { useTranslation } from 'react-i18next';
import type { ReportGrouping, ReportMetric, ReportResult, ReportRow } from '@gestco/contract';
import { intlLocale } from '@/lib/format-date';
import { formatCount } from '@/lib/format-number';
import { formatMoney } from '@/lib/money';
import { MONEY_METRICS } from './report-params';

/*
 * Buckets are local dates of the business (YYYY-MM-DD, YYYY-MM), not instants:
 * formatted as they are, in UTC, so no reader's time zone moves them a day.
 */
const dayFormat = (language: string) =>
  new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' });
const monthFormat = (language: string) =>
  new Intl.DateTimeFormat(intlLocale(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const asUtc = (key: string) => new Date(`${key.length === 7 ? `${key}-01` : key}T00:00:00Z`);

/** "2026-03-15" → "15 mars 2026": a local day as people read it. */
export function formatLocalDay(day: string, language: string): string {
  const date = asUtc(day);
  return Number.isNaN(date.getTime()) ? day : dayFormat(language).format(date);
}

function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([intlLocale(language)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** How a report's rows and figures read, in the reader's language. */
export function useReportFormat(result: Pick<ReportResult, 'metric' | 'groupBy' | 'currency'>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const money = MONEY_METRICS.includes(result.metric);

  const formatValue = (value: number): string =>
    money ? formatMoney(value, result.currency, language) : formatCount(value, language);

  const keyLabel = (groupBy: ReportGrouping, key: string): string => {
    switch (groupBy) {
      case 'day':
        return formatLocalDay(key, language);
      case 'week':
        return t('reports.weekOf', { day: formatLocalDay(key, language) });
      case 'month': {
        const date = asUtc(key);
        return Number.isNaN(date.getTime()) ? key : monthFormat(language).format(date);
      }
      case 'status':
        return t(`orderStatuses.${key}` as 'orderStatuses.pending', { defaultValue: key });
      case 'payment_status':
        return t(`paymentStatuses.${key}` as 'paymentStatuses.paid', { defaultValue: key });
      case 'origin':
        return t(`orders.origins.${key}` as 'orders.origins.phone', { defaultValue: key });
      case 'country':
        return countryName(key, language);
      default:
        return key;
    }
  };

  /** A row's name: its bucket or value; the names the API gives (product, client, operator). */
  const rowLabel = (row: ReportRow, groupBy: ReportGrouping = result.groupBy): string => {
    if (row.label) return row.label;
    if (row.key === null) return t('reports.notSet');
    return keyLabel(groupBy, row.key);
  };

  return {
    formatValue,
    /** A figure or "—" where it has no meaning (null). */
    formatFigure: (value: number | null | undefined) =>
      value === null || value === undefined ? t('common.none') : formatValue(value),
    rowLabel,
    othersLabel: () => t('reports.others'),
    metricLabel: (metric: ReportMetric = result.metric) => t(`reports.metrics.${metric}`),
  };
}

const changeFormatters = new Map<string, Intl.NumberFormat>();

/** +12,5 % against the period before; null when there was nothing before. */
export function changeRatio(value: number | null, previous: number | null | undefined) {
  if (value === null || previous === null || previous === undefined || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}

export function formatChange(ratio: number, language: string): string {
  const locale = intlLocale(language);
  let formatter = changeFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    changeFormatters.set(locale, formatter);
  }
  return formatter.format(ratio);
}
