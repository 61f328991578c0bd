import Type, { type Static } from 'typebox';
import { Id, Nullable, Timestamp } from '../common/schemas.ts';
import { NotificationEventSchema } from '../notifications/entities.ts';
import { REPORT_GROUPINGS, REPORT_METRICS, ReportSpec } from './payloads.ts';

const Amount = Type.Integer({ description: 'Minor units of the base currency' });
const Count = Type.Integer({ minimum: 0 });
const LocalDate = Type.String({ format: 'date', description: 'Local date (business time zone)' });

/** Every metric of a row; null where it has no meaning (per product: VAT, baskets, refunds). */
export const ReportMetrics = Type.Object({
  orderCount: Nullable(Count),
  revenueNet: Nullable(Amount),
  revenueGross: Nullable(Amount),
  unitsSold: Nullable(Type.Integer()),
  averageBasket: Nullable(Amount),
  refundAmount: Nullable(Amount),
});
export type ReportMetrics = Static<typeof ReportMetrics>;

export const ReportRow = Type.Object({
  key: Nullable(
    Type.String({
      description:
        'Bucket (YYYY-MM-DD for day and week (its Monday), YYYY-MM for month) or value (ids as text); null = not set',
    }),
  ),
  label: Nullable(Type.String({ description: 'Name of a product, client or operator' })),
  value: Nullable(Type.Number({ description: 'The metric asked' })),
  previous: Type.Optional(
    Nullable(
      Type.Number({
        description: 'compare=previous: same bucket position (time) or same key (categories)',
      }),
    ),
  ),
  previousKey: Type.Optional(Nullable(Type.String())),
  metrics: ReportMetrics,
});
export type ReportRow = Static<typeof ReportRow>;

const Period = Type.Object({ from: LocalDate, to: LocalDate });

export const ReportResult = Type.Object({
  metric: Type.Enum([...REPORT_METRICS]),
  groupBy: Type.Enum([...REPORT_GROUPINGS]),
  period: Period,
  previousPeriod: Nullable(Period),
  currency: Type.String({ description: 'The base currency: every amount is in it' }),
  timeZone: Type.String(),
  source: Type.Enum(['facts', 'live'], {
    description: 'facts: the daily summary tables; live: the orders themselves (other filters)',
  }),
  rows: Type.Array(ReportRow),
  others: Nullable(ReportRow),
  total: ReportMetrics,
  previousTotal: Nullable(ReportMetrics),
  reconciliation: Nullable(
    Type.Object(
      {
        linesNet: Amount,
        orderDiscounts: Amount,
        shipping: Amount,
        revenueNet: Amount,
      },
      {
        description:
          'groupBy=product: the lines (rows + others) − client discounts and coupons + shipping = revenue_net',
      },
    ),
  ),
});
export type ReportResult = Static<typeof ReportResult>;

const Change = Nullable(
  Type.Number({ description: 'Percent change against the previous period (null: nothing before)' }),
);
export const SalesTile = Type.Object({
  from: Timestamp,
  to: Timestamp,
  orders: Count,
  revenueGross: Amount,
  previous: Type.Object({ from: Timestamp, to: Timestamp, orders: Count, revenueGross: Amount }),
  change: Type.Object({ orders: Change, revenueGross: Change }),
});
export type SalesTile = Static<typeof SalesTile>;

export const WaitingOrder = Type.Object({
  id: Id,
  reference: Type.String(),
  clientId: Id,
  clientName: Type.String(),
  total: Type.Integer(),
  currency: Type.String(),
  since: Timestamp,
});

export const Dashboard = Type.Object({
  generatedAt: Timestamp,
  currency: Type.String(),
  timeZone: Type.String(),
  statusCounts: Type.Object({
    pending: Count,
    in_progress: Count,
    shipped: Count,
    completed: Count,
    cancelled: Count,
  }),
  sales: Type.Object({ today: SalesTile, week: SalesTile, month: SalesTile }),
  revenueByDay: Type.Array(Type.Object({ day: LocalDate, revenueGross: Amount, orders: Count }), {
    description: 'The last 30 days, today included, every day present',
  }),
  topProducts: Type.Array(
    Type.Object({
      productId: Nullable(Id),
      sku: Nullable(Type.String()),
      name: Type.String(),
      revenueNet: Amount,
      unitsSold: Type.Integer(),
    }),
  ),
  topClients: Type.Array(
    Type.Object({ clientId: Id, name: Type.String(), revenueGross: Amount, orders: Count }),
  ),
  waiting: Type.Object({
    pending: Type.Array(WaitingOrder),
    in_progress: Type.Array(WaitingOrder),
    shipped: Type.Array(WaitingOrder),
  }),
  lowStock: Type.Array(
    Type.Object({
      productId: Id,
      sku: Type.String(),
      name: Type.String(),
      onHand: Type.Integer(),
      reorderPoint: Type.Integer(),
    }),
  ),
  emails: Type.Object({
    from: LocalDate,
    to: LocalDate,
    sent: Count,
    failed: Count,
    queued: Count,
  }),
});
export type Dashboard = Static<typeof Dashboard>;

const EmailCounts = { sent: Count, failed: Count, queued: Count };
export const CommunicationsReport = Type.Object({
  period: Period,
  timeZone: Type.String(),
  total: Type.Object(EmailCounts),
  byEvent: Type.Array(Type.Object({ event: NotificationEventSchema, ...EmailCounts })),
  byDay: Type.Array(Type.Object({ day: LocalDate, ...EmailCounts })),
});
export type CommunicationsReport = Static<typeof CommunicationsReport>;

export const SavedReport = Type.Object({
  id: Id,
  name: Type.String(),
  spec: ReportSpec,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SavedReport = Static<typeof SavedReport>;
