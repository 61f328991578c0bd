import Type, { type Static } from 'typebox';
import { orderFilterFields } from '../orders/payloads.ts';

/** What a report measures (docs/decisions/0015-reports.md says how each is computed). */
export const REPORT_METRICS = [
  'order_count',
  'revenue_net',
  'revenue_gross',
  'units_sold',
  'average_basket',
  'refund_amount',
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

export const TIME_GROUPINGS = ['day', 'week', 'month'] as const;
export const REPORT_GROUPINGS = [
  ...TIME_GROUPINGS,
  'status',
  'payment_status',
  'product',
  'client',
  'operator',
  'origin',
  'payment_method',
  'shipping_method',
  'tag',
  'country',
] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const isTimeGrouping = (g: ReportGrouping): g is (typeof TIME_GROUPINGS)[number] =>
  (TIME_GROUPINGS as readonly string[]).includes(g);

/** Groupings answered as "top N (+ the others)": `limit` applies to them. */
export const RANKED_GROUPINGS = ['product', 'client'] as const;
/** Per product, amounts come from the lines: VAT, baskets and refunds belong to orders. */
export const PRODUCT_METRICS: readonly ReportMetric[] = [
  'order_count',
  'revenue_net',
  'units_sold',
];

export const REPORT_CHARTS = ['bar', 'line', 'pie', 'table'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

/** Named periods, resolved in the business time zone when the report runs (saved reports roll). */
export const REPORT_RANGES = [
  'today',
  'yesterday',
  'last_7_days',
  'last_30_days',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'last_12_months',
] as const;
export type ReportRange = (typeof REPORT_RANGES)[number];

/** Longest period a report may cover (5 years), and a pie's most slices of days. */
export const MAX_REPORT_DAYS = 5 * 366;
export const MAX_PIE_DAYS = 366;
export const DEFAULT_REPORT_LIMIT = 10;

const DateOnly = Type.String({
  format: 'date',
  description: 'Local date YYYY-MM-DD (business time zone)',
});

/** The orders list's filters that mean something for sales figures (plus the billing country). */
export const reportFilterFields = {
  status: orderFilterFields.status,
  paymentStatus: orderFilterFields.paymentStatus,
  paymentMethod: orderFilterFields.paymentMethod,
  shippingMethod: orderFilterFields.shippingMethod,
  tag: orderFilterFields.tag,
  operatorId: orderFilterFields.operatorId,
  origin: orderFilterFields.origin,
  clientId: orderFilterFields.clientId,
  totalMin: orderFilterFields.totalMin,
  totalMax: orderFilterFields.totalMax,
  country: Type.Optional(
    Type.String({ pattern: '^[A-Z]{2}$', description: 'Billing address country (ISO 3166-1)' }),
  ),
};

const specFields = {
  metric: Type.Enum([...REPORT_METRICS], {
    description: 'What is measured (sorts categorical rows)',
  }),
  groupBy: Type.Enum([...REPORT_GROUPINGS]),
  from: Type.Optional(DateOnly),
  to: Type.Optional(Type.String({ format: 'date', description: 'Inclusive local date' })),
  range: Type.Optional(
    Type.Enum([...REPORT_RANGES], { description: 'A named period instead of from/to' }),
  ),
  compare: Type.Optional(
    Type.Enum(['none', 'previous'], {
      description:
        'previous: the period just before, of the same length (the same number of months for whole months)',
    }),
  ),
  chart: Type.Optional(
    Type.Enum([...REPORT_CHARTS], {
      description: 'How the SPA draws it; pie refuses more than 366 day slices',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      description:
        'product and client: the top N by the metric, then one "others" row (default 10)',
    }),
  ),
  ...reportFilterFields,
};

/** GET /reports/aggregate, GET /exports/report: one report, the spec in the query string. */
export const ReportQuery = Type.Object(specFields, {
  additionalProperties: false,
  description: 'Give from and to, or range',
});
export type ReportQuery = Static<typeof ReportQuery>;

/** A saved report's spec: the same fields (the SPA also puts them in the URL). */
export const ReportSpec = Type.Object(specFields, { additionalProperties: false });
export type ReportSpec = Static<typeof ReportSpec>;

export const CreateSavedReportBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }), spec: ReportSpec },
  { additionalProperties: false },
);
export type CreateSavedReportBody = Static<typeof CreateSavedReportBody>;

export const CommunicationsQuery = Type.Object(
  {
    from: Type.Optional(DateOnly),
    to: Type.Optional(Type.String({ format: 'date', description: 'Inclusive local date' })),
    range: Type.Optional(Type.Enum([...REPORT_RANGES])),
  },
  { additionalProperties: false, description: 'Give from and to, or range (default last_30_days)' },
);
export type CommunicationsQuery = Static<typeof CommunicationsQuery>;
