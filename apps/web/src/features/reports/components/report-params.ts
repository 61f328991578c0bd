import {
  isTimeGrouping,
  PRODUCT_METRICS,
  RANKED_GROUPINGS,
  REPORT_CHARTS,
  REPORT_GROUPINGS,
  REPORT_METRICS,
  REPORT_RANGES,
  type OrderOrigin,
  type OrderStatus,
  type PaymentStatus,
  type ReportChart,
  type ReportGrouping,
  type ReportMetric,
  type ReportRange,
  type ReportSpec,
} from '@gestco/contract';

/**
 * The whole report lives in the address: a report can be bookmarked, shared, saved
 * and reloaded. The URL's parameters are the API's own (a saved report's spec is
 * the same object), so what is on screen is exactly what GET /reports/aggregate
 * and the exports are asked.
 */
export const FILTER_PARAMS = [
  'status',
  'paymentStatus',
  'paymentMethod',
  'shippingMethod',
  'tag',
  'operatorId',
  'origin',
  'clientId',
  'totalMin',
  'totalMax',
  'country',
] as const satisfies readonly (keyof ReportSpec)[];
export type FilterParam = (typeof FILTER_PARAMS)[number];

export const DEFAULT_SPEC = {
  metric: 'revenue_gross',
  groupBy: 'month',
  range: 'last_12_months',
} as const satisfies ReportSpec;

/** Amounts in minor units of the base currency; the others are counts. */
export const MONEY_METRICS: readonly ReportMetric[] = [
  'revenue_net',
  'revenue_gross',
  'average_basket',
  'refund_amount',
];

/** A pie is offered for categories, and for time while it has few slices. */
export const PIE_MAX_SLICES = 12;

export const STATUSES = [
  'pending',
  'in_progress',
  'shipped',
  'completed',
  'cancelled',
] as const satisfies readonly OrderStatus[];
export const PAYMENT_STATUSES = [
  'unpaid',
  'paid',
  'partially_refunded',
  'refunded',
] as const satisfies readonly PaymentStatus[];
export const ORIGINS = [
  'phone',
  'store',
  'manual',
  'quick_link',
  'import',
  'api',
] as const satisfies readonly OrderOrigin[];
/** "Every order but the cancelled ones": the status filter a turnover report usually wants. */
export const NOT_CANCELLED = STATUSES.filter((status) => status !== 'cancelled').join(',');

function csv(value: string | null, allowed: readonly string[]): string | undefined {
  const picked = (value ?? '').split(',').filter((item) => allowed.includes(item));
  return picked.length > 0 ? [...new Set(picked)].join(',') : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);

/** "12" → 12; anything else (hand-edited address) → undefined, rather than a failing page. */
const integer = (value: string | null, min: number, max = Number.MAX_SAFE_INTEGER) => {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
};

/**
 * The spec the address describes. Values of the wrong shape are dropped (the page
 * still shows something); values of the right shape that the API refuses together
 * (from after to, a pie of 400 days) are kept: its answer names the field.
 */
export function specFrom(search: URLSearchParams): ReportSpec {
  const spec: ReportSpec = {
    metric: pick(REPORT_METRICS, search.get('metric')) ?? DEFAULT_SPEC.metric,
    groupBy: pick(REPORT_GROUPINGS, search.get('groupBy')) ?? DEFAULT_SPEC.groupBy,
  };
  const from = search.get('from');
  const to = search.get('to');
  if (from && to && DAY.test(from) && DAY.test(to)) {
    spec.from = from;
    spec.to = to;
  } else {
    spec.range = pick(REPORT_RANGES, search.get('range')) ?? DEFAULT_SPEC.range;
  }
  if (search.get('compare') === 'previous') spec.compare = 'previous';
  const chart = pick(REPORT_CHARTS, search.get('chart'));
  if (chart) spec.chart = chart;
  const limit = integer(search.get('limit'), 1, 100);
  if (limit !== undefined) spec.limit = limit;

  const text = (name: FilterParam, max: number) => search.get(name)?.trim().slice(0, max);
  const status = csv(search.get('status'), STATUSES);
  if (status) spec.status = status;
  const paymentStatus = csv(search.get('paymentStatus'), PAYMENT_STATUSES);
  if (paymentStatus) spec.paymentStatus = paymentStatus;
  const paymentMethod = text('paymentMethod', 60);
  if (paymentMethod) spec.paymentMethod = paymentMethod;
  const shippingMethod = text('shippingMethod', 60);
  if (shippingMethod) spec.shippingMethod = shippingMethod;
  const tag = text('tag', 40);
  if (tag) spec.tag = tag;
  const operatorId = integer(search.get('operatorId'), 1);
  if (operatorId) spec.operatorId = operatorId;
  const origin = pick(ORIGINS, search.get('origin'));
  if (origin) spec.origin = origin;
  const clientId = integer(search.get('clientId'), 1);
  if (clientId) spec.clientId = clientId;
  const totalMin = integer(search.get('totalMin'), 0);
  if (totalMin !== undefined) spec.totalMin = totalMin;
  const totalMax = integer(search.get('totalMax'), 0);
  if (totalMax !== undefined) spec.totalMax = totalMax;
  const country = search.get('country')?.toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) spec.country = country;
  return spec;
}

/** The address of a spec, in a stable order (spec fields first, then the filters). */
export function searchOf(spec: ReportSpec): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(spec) as [string, unknown][]) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  return search.toString();
}

export const hrefOf = (spec: ReportSpec) => `/reports?${searchOf(spec)}`;

/** Whether two specs ask the same report (the saved one that is open is marked). */
export function sameSpec(a: ReportSpec, b: ReportSpec): boolean {
  return searchOf(sortKeys(a)) === searchOf(sortKeys(b));
}
const sortKeys = (spec: ReportSpec) =>
  Object.fromEntries(Object.entries(spec).sort(([x], [y]) => x.localeCompare(y))) as ReportSpec;

export const isRanked = (groupBy: ReportGrouping) =>
  (RANKED_GROUPINGS as readonly string[]).includes(groupBy);

export function metricAllowed(metric: ReportMetric, groupBy: ReportGrouping): boolean {
  return groupBy !== 'product' || PRODUCT_METRICS.includes(metric);
}

/**
 * How the chart is drawn: what the spec asks, else a line for time and bars for
 * categories. `table` draws none.
 */
export function chartOf(spec: ReportSpec): ReportChart {
  return spec.chart ?? (isTimeGrouping(spec.groupBy) ? 'line' : 'bar');
}

/** Changes a few fields of the spec; `undefined` removes one. */
export function withChanges(spec: ReportSpec, changes: Partial<ReportSpec>): ReportSpec {
  const next = { ...spec, ...changes } as Record<string, unknown>;
  for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key];
  const result = next as ReportSpec;
  // From time to categories or back, the chart that fitted the old grouping may not fit.
  if (
    changes.groupBy !== undefined &&
    changes.chart === undefined &&
    isTimeGrouping(changes.groupBy) !== isTimeGrouping(spec.groupBy)
  )
    delete result.chart;
  // Per product the amounts come from the lines: keep a metric the API can answer.
  if (!metricAllowed(result.metric, result.groupBy)) result.metric = 'revenue_net';
  if (!isRanked(result.groupBy)) delete result.limit;
  return result;
}

export type PeriodChoice = ReportRange | 'custom';
export const periodOf = (spec: ReportSpec): PeriodChoice => spec.range ?? 'custom';
