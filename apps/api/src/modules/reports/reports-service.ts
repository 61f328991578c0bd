import {
  DEFAULT_REPORT_LIMIT,
  MAX_PIE_DAYS,
  MAX_REPORT_DAYS,
  PRODUCT_METRICS,
  type CommunicationsQuery,
  type CommunicationsReport,
  type CreateSavedReportBody,
  type Dashboard,
  type ReportGrouping,
  type ReportMetric,
  type ReportMetrics,
  type ReportQuery,
  type ReportRange,
  type ReportResult,
  type ReportRow,
  type SalesTile,
  type SavedReport,
  type SettingsValues,
  isTimeGrouping,
} from '@gestco/contract';
import { AppError } from '../../lib/app-error.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { FactDim } from './facts.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  eachDay,
  instantOf,
  localDayOf,
  monthEnd,
  monthStart,
  msIntoLocalDay,
  weekStart,
  type LocalDay,
} from './local-time.ts';
import type {
  GrainRange,
  LiveKey,
  ReportsRepository,
  SortKey,
  Sums,
} from './reports-repository.ts';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path.split('/').pop()} ${message}`, {
    errors: [{ path, message }],
  });

/** A spec with its period resolved and checked. */
export interface ResolvedSpec {
  metric: ReportMetric;
  groupBy: ReportGrouping;
  from: LocalDay;
  to: LocalDay;
  compare: boolean;
  limit: number;
  filters: ReportFilters;
}
type ReportFilters = Omit<
  ReportQuery,
  'metric' | 'groupBy' | 'from' | 'to' | 'range' | 'compare' | 'chart' | 'limit'
>;

const SORT_OF: Record<ReportMetric, SortKey> = {
  order_count: 'orders',
  revenue_net: 'net',
  revenue_gross: 'gross',
  units_sold: 'units',
  average_basket: 'basket',
  refund_amount: 'refunded',
};

const METRIC_FIELD: Record<ReportMetric, keyof ReportMetrics> = {
  order_count: 'orderCount',
  revenue_net: 'revenueNet',
  revenue_gross: 'revenueGross',
  units_sold: 'unitsSold',
  average_basket: 'averageBasket',
  refund_amount: 'refundAmount',
};

/** Grouping → the facts dimension that carries it (time and status: every dimension does). */
const GROUP_DIM: Partial<Record<ReportGrouping, FactDim>> = {
  payment_status: 'payment_status',
  product: 'product',
  client: 'client',
  operator: 'operator',
  origin: 'origin',
  payment_method: 'payment_method',
  shipping_method: 'shipping_method',
  tag: 'tag',
  country: 'country',
};

const RANKED = new Set<ReportGrouping>(['product', 'client']);

const zero = (key: string): Sums => ({
  key,
  orders: 0,
  salesOrders: 0,
  units: 0,
  net: 0,
  gross: 0,
  discounts: 0,
  shipping: 0,
  refunded: 0,
});

function add(a: Sums, b: Sums): Sums {
  return {
    key: a.key,
    orders: a.orders + b.orders,
    salesOrders: a.salesOrders + b.salesOrders,
    units: a.units + b.units,
    net: a.net + b.net,
    gross: a.gross + b.gross,
    discounts: a.discounts + b.discounts,
    shipping: a.shipping + b.shipping,
    refunded: a.refunded + b.refunded,
  };
}
const minus = (a: Sums, b: Sums): Sums =>
  add(a, {
    ...b,
    ...Object.fromEntries(Object.entries(b).map(([k, v]) => [k, -(v as number)])),
  } as Sums);
const sum = (rows: Sums[], key = '') => rows.reduce((acc, r) => add(acc, r), zero(key));

export function metricsOf(s: Sums, perProduct: boolean): ReportMetrics {
  return {
    orderCount: s.orders,
    revenueNet: s.net,
    revenueGross: perProduct ? null : s.gross,
    unitsSold: s.units,
    averageBasket: perProduct || s.salesOrders === 0 ? null : Math.round(s.gross / s.salesOrders),
    refundAmount: perProduct ? null : s.refunded,
  };
}

/** The local period of a named range, ending today (period to date) or at its natural end. */
export function rangePeriod(range: ReportRange, today: LocalDay): { from: LocalDay; to: LocalDay } {
  const month = monthStart(today);
  const quarter = addMonths(month, -((Number(today.slice(5, 7)) - 1) % 3));
  const year = `${today.slice(0, 4)}-01-01`;
  switch (range) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'last_7_days':
      return { from: addDays(today, -6), to: today };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
    case 'this_week':
      return { from: weekStart(today), to: today };
    case 'last_week':
      return { from: addDays(weekStart(today), -7), to: addDays(weekStart(today), -1) };
    case 'this_month':
      return { from: month, to: today };
    case 'last_month':
      return { from: addMonths(month, -1), to: addDays(month, -1) };
    case 'this_quarter':
      return { from: quarter, to: today };
    case 'last_quarter':
      return { from: addMonths(quarter, -3), to: addDays(quarter, -1) };
    case 'this_year':
      return { from: year, to: today };
    case 'last_year':
      return { from: addMonths(year, -12), to: addDays(year, -1) };
    case 'last_12_months':
      return { from: addMonths(month, -11), to: today };
  }
}

/**
 * The period compared with: from the 1st of a month, the same days of the months before
 * (March 1–15 → February 1–15; whole months → the months before); otherwise the same number
 * of days just before.
 */
export function previousPeriod(from: LocalDay, to: LocalDay): { from: LocalDay; to: LocalDay } {
  if (from === monthStart(from)) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
      Number(to.slice(5, 7)) -
      Number(from.slice(5, 7)) +
      1;
    const prevFrom = addMonths(from, -months);
    const toMonth = addMonths(to, -months);
    const toDay =
      to === monthEnd(to)
        ? monthEnd(toMonth)
        : `${toMonth.slice(0, 7)}-${String(Math.min(Number(to.slice(8, 10)), daysInMonth(toMonth))).padStart(2, '0')}`;
    return { from: prevFrom, to: toDay < from ? toDay : addDays(from, -1) };
  }
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

const bucketOf = (day: LocalDay, groupBy: ReportGrouping) =>
  groupBy === 'week' ? weekStart(day) : groupBy === 'month' ? day.slice(0, 7) : day;

function monthRanges(from: LocalDay, to: LocalDay): GrainRange[] {
  const firstFull = from === monthStart(from) ? from : addMonths(from, 1);
  const lastFull = to === monthEnd(to) ? monthStart(to) : addMonths(to, -1);
  if (firstFull > lastFull) return [{ grain: 'd', from, to }];
  const ranges: GrainRange[] = [{ grain: 'm', from: firstFull, to: lastFull }];
  if (from < firstFull) ranges.push({ grain: 'd', from, to: addDays(firstFull, -1) });
  if (to > monthEnd(lastFull))
    ranges.push({ grain: 'd', from: addDays(monthEnd(lastFull), 1), to });
  return ranges;
}

/**
 * [from, to] as the fewest fact rows: whole calendar years from yearly rows, whole months
 * from monthly rows, the edges from daily rows. A period that reaches `today` may take the
 * rows of the current month and year whole: nothing is sold after now, so they hold exactly
 * the days up to today (a rolling year is then one row per client for this year, plus the
 * months and days of the year before).
 */
export function grainRanges(from: LocalDay, toIn: LocalDay, today?: LocalDay): GrainRange[] {
  const to = today && toIn >= today ? `${toIn.slice(0, 4)}-12-31` : toIn;
  const year = (d: LocalDay) => Number(d.slice(0, 4));
  const firstYear = from.slice(5) === '01-01' ? from : `${year(from) + 1}-01-01`;
  const lastYear = to.slice(5) === '12-31' ? `${year(to)}-01-01` : `${year(to) - 1}-01-01`;
  if (firstYear > lastYear) return monthRanges(from, to);
  const ranges: GrainRange[] = [{ grain: 'y', from: firstYear, to: lastYear }];
  if (from < firstYear) ranges.push(...monthRanges(from, addDays(firstYear, -1)));
  const after = `${year(lastYear) + 1}-01-01`;
  if (to >= after) ranges.push(...monthRanges(after, to));
  return ranges;
}

/** Where the facts can answer: one dimension, possibly restricted to some values. */
interface FactsPlan {
  dim: FactDim;
  values?: string[];
  statuses?: string[];
}
const split = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : undefined);

export function factsPlan(groupBy: ReportGrouping, f: ReportFilters): FactsPlan | null {
  if (f.totalMin !== undefined || f.totalMax !== undefined) return null;
  const dimFilters: { dim: FactDim; values: string[] }[] = [];
  if (f.paymentStatus) dimFilters.push({ dim: 'payment_status', values: split(f.paymentStatus)! });
  if (f.paymentMethod) dimFilters.push({ dim: 'payment_method', values: [f.paymentMethod] });
  if (f.shippingMethod) dimFilters.push({ dim: 'shipping_method', values: [f.shippingMethod] });
  if (f.tag) dimFilters.push({ dim: 'tag', values: [f.tag] });
  if (f.operatorId) dimFilters.push({ dim: 'operator', values: [String(f.operatorId)] });
  if (f.origin) dimFilters.push({ dim: 'origin', values: [f.origin] });
  if (f.clientId) dimFilters.push({ dim: 'client', values: [String(f.clientId)] });
  if (f.country) dimFilters.push({ dim: 'country', values: [f.country] });
  const statuses = split(f.status);
  const groupDim = GROUP_DIM[groupBy];
  if (dimFilters.length > 1) return null;
  const filter = dimFilters[0];
  if (!filter) return { dim: groupDim ?? 'all', statuses };
  if (!groupDim || groupDim === filter.dim) return { ...filter, statuses };
  return null;
}

export function createReportsService(deps: {
  repo: ReportsRepository;
  settingsService: Pick<SettingsService, 'get'>;
}) {
  const { repo } = deps;
  const general = async (): Promise<SettingsValues['general']> =>
    deps.settingsService.get('general');

  function resolve(
    query: ReportQuery,
    timeZone: string,
    at: string,
  ): ResolvedSpec & { chart?: string } {
    let from = query.from;
    let to = query.to;
    if (query.range) {
      if (from || to)
        throw invalid(`${at}/range`, 'cannot be combined with from and to: give one or the other');
      ({ from, to } = rangePeriod(query.range, localDayOf(timeZone, Date.now())));
    }
    if (!from) throw invalid(`${at}/from`, 'is required (or give range)');
    if (!to) throw invalid(`${at}/to`, 'is required (or give range)');
    if (from > to) throw invalid(`${at}/to`, `must not be before from (${from})`);
    const days = daysBetween(from, to) + 1;
    if (days > MAX_REPORT_DAYS)
      throw invalid(
        `${at}/to`,
        `makes a period of ${days} days: at most 5 years (${MAX_REPORT_DAYS} days)`,
      );
    if (query.chart === 'pie' && query.groupBy === 'day' && days > MAX_PIE_DAYS)
      throw invalid(
        `${at}/chart`,
        `pie cannot show ${days} days as slices (at most ${MAX_PIE_DAYS}): group by week or month, or use bar or line`,
      );
    if (query.groupBy === 'product' && !PRODUCT_METRICS.includes(query.metric))
      throw invalid(
        `${at}/metric`,
        `is not available per product (order-level figure): use ${PRODUCT_METRICS.join(', ')}`,
      );
    if (
      query.totalMin !== undefined &&
      query.totalMax !== undefined &&
      query.totalMin > query.totalMax
    )
      throw invalid(`${at}/totalMax`, 'must not be below totalMin');
    const {
      metric,
      groupBy,
      from: _f,
      to: _t,
      range: _r,
      compare,
      chart,
      limit,
      ...filters
    } = query;
    return {
      metric,
      groupBy,
      from,
      to,
      compare: compare === 'previous',
      limit: limit ?? DEFAULT_REPORT_LIMIT,
      filters,
      chart,
    };
  }

  interface Computed {
    groups: Sums[];
    others: Sums | null;
    total: Sums;
    orderTotal: Sums | null;
  }

  /** The groups of one period, from the facts or from the orders. */
  async function compute(
    spec: ResolvedSpec,
    from: LocalDay,
    to: LocalDay,
    plan: FactsPlan | null,
    ctx: { timeZone: string; baseCurrency: string },
    keys?: string[],
  ): Promise<Computed> {
    const { groupBy } = spec;
    const ranked = RANKED.has(groupBy);
    const sort = SORT_OF[spec.metric];
    if (plan) {
      const categorical = !isTimeGrouping(groupBy);
      const today = localDayOf(ctx.timeZone, Date.now());
      const ranges = categorical
        ? grainRanges(from, to, today)
        : [{ grain: 'd' as const, from, to }];
      const base = { dim: plan.dim, ranges, statuses: plan.statuses, values: plan.values };
      const groups = await repo.readFacts({
        ...base,
        key: isTimeGrouping(groupBy) ? 'period' : groupBy === 'status' ? 'status' : 'value',
        ...(ranked ? { sort, limit: keys ? undefined : spec.limit, keys } : { keys }),
      });
      // Totals: a dimension where each order has one value adds up to the orders; tags and
      // products do not (several per order), so their totals come from elsewhere.
      const totalDim: FactDim = plan.values ? plan.dim : groupBy === 'product' ? 'product' : 'all';
      const [total] = await repo.readFacts({
        ...base,
        dim: totalDim,
        ranges: grainRanges(from, to, today),
        values: totalDim === plan.dim ? plan.values : undefined,
        key: 'none',
      });
      const orderTotal =
        groupBy === 'product'
          ? ((
              await repo.readFacts({
                dim: 'all',
                ranges: grainRanges(from, to, today),
                statuses: plan.statuses,
                key: 'none',
              })
            )[0] ?? zero(''))
          : null;
      return finish(groups, total ?? zero(''), orderTotal);
    }
    const live = {
      start: instantOf(ctx.timeZone, from),
      end: instantOf(ctx.timeZone, addDays(to, 1)),
      timeZone: ctx.timeZone,
      baseCurrency: ctx.baseCurrency,
      filters: spec.filters,
    };
    const key: LiveKey = isTimeGrouping(groupBy) ? 'day' : (groupBy as LiveKey);
    const groups = await repo.readLive({
      ...live,
      key,
      ...(ranked && groupBy !== 'product' ? { sort, limit: keys ? undefined : spec.limit } : {}),
      ...(groupBy === 'product' ? { sort } : {}),
      keys,
    });
    if (groupBy === 'product') {
      // Every product of the period (a catalogue, not a client book): total and top N here.
      const [orderTotal] = await repo.readLive({ ...live, key: 'none' });
      const total = sum(groups);
      return finish(keys ? groups : groups.slice(0, spec.limit), total, orderTotal ?? zero(''));
    }
    const [total] = await repo.readLive({ ...live, key: 'none' });
    return finish(groups, total ?? zero(''), null);

    function finish(groupsIn: Sums[], total: Sums, orderTotal: Sums | null): Computed {
      const others =
        ranked && !keys
          ? groupBy === 'product'
            ? { ...minus(total, sum(groupsIn)), orders: Number.NaN }
            : minus(total, sum(groupsIn))
          : null;
      return {
        groups: groupsIn,
        others:
          others && (others.orders !== 0 || others.net !== 0 || others.units !== 0) ? others : null,
        total,
        orderTotal,
      };
    }
  }

  async function labelsFor(groupBy: ReportGrouping, keys: string[]) {
    const kind =
      groupBy === 'product' || groupBy === 'client' || groupBy === 'operator' ? groupBy : null;
    if (!kind) return new Map<string, string>();
    const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
    const found = await repo.labels(kind, ids);
    return new Map(
      [...found].map(([id, l]) => [String(id), l.sku ? `${l.name} (${l.sku})` : l.name]),
    );
  }

  function buckets(groupBy: ReportGrouping, from: LocalDay, to: LocalDay, days: Sums[]) {
    const byBucket = new Map<string, Sums>();
    for (const day of eachDay(from, to)) {
      const b = bucketOf(day, groupBy);
      if (!byBucket.has(b)) byBucket.set(b, zero(b));
    }
    for (const d of days) {
      const b = bucketOf(d.key, groupBy);
      byBucket.set(b, add(byBucket.get(b) ?? zero(b), d));
    }
    return [...byBucket.values()];
  }

  const valueOf = (spec: ResolvedSpec, s: Sums) =>
    metricsOf(s, spec.groupBy === 'product')[METRIC_FIELD[spec.metric]];

  function order(spec: ResolvedSpec, rows: Sums[]) {
    if (isTimeGrouping(spec.groupBy)) return rows;
    return [...rows].sort(
      (a, b) =>
        (valueOf(spec, b) ?? -Infinity) - (valueOf(spec, a) ?? -Infinity) ||
        a.key.localeCompare(b.key),
    );
  }

  async function aggregate(query: ReportQuery, at = '/querystring'): Promise<ReportResult> {
    const { timeZone, baseCurrency } = await general();
    const spec = resolve(query, timeZone, at);
    const plan = factsPlan(spec.groupBy, spec.filters);
    if (plan) await repo.ensureFresh(timeZone, baseCurrency);
    const ctx = { timeZone, baseCurrency };
    const perProduct = spec.groupBy === 'product';
    const current = await compute(spec, spec.from, spec.to, plan, ctx);
    const time = isTimeGrouping(spec.groupBy);
    const groups = time
      ? buckets(spec.groupBy, spec.from, spec.to, current.groups)
      : order(spec, current.groups);

    let previous: Computed | null = null;
    let prevPeriod: { from: LocalDay; to: LocalDay } | null = null;
    let prevGroups: Sums[] = [];
    if (spec.compare) {
      prevPeriod = previousPeriod(spec.from, spec.to);
      previous = await compute(
        spec,
        prevPeriod.from,
        prevPeriod.to,
        plan,
        ctx,
        RANKED.has(spec.groupBy) ? current.groups.map((g) => g.key) : undefined,
      );
      prevGroups = time
        ? buckets(spec.groupBy, prevPeriod.from, prevPeriod.to, previous.groups)
        : previous.groups;
      if (RANKED.has(spec.groupBy)) {
        previous.others = minus(previous.total, sum(previous.groups));
        // Orders overlap between products: the others' order count cannot be subtracted.
        if (perProduct) previous.others.orders = Number.NaN;
      }
    }

    const labels = await labelsFor(
      spec.groupBy,
      groups.map((g) => g.key),
    );
    const prevByKey = new Map(prevGroups.map((g) => [g.key, g]));
    const row = (s: Sums, i: number, label: string | null, prev?: Sums | null): ReportRow => {
      const metrics = metricsOf(s, perProduct);
      if (perProduct && Number.isNaN(s.orders)) metrics.orderCount = null;
      return {
        key: s.key === '' ? null : s.key,
        label,
        value: metrics[METRIC_FIELD[spec.metric]],
        ...(spec.compare
          ? {
              previous: prev ? valueOf(spec, prev) : time ? null : valueOf(spec, zero('')),
              previousKey: prev ? prev.key || null : null,
            }
          : {}),
        metrics,
      };
    };
    const rows = groups.map((g, i) =>
      row(
        g,
        i,
        labels.get(g.key) ?? null,
        time ? (prevGroups[i] ?? null) : (prevByKey.get(g.key) ?? null),
      ),
    );
    const others = current.others ? row(current.others, -1, null, previous?.others ?? null) : null;
    if (others) others.key = null;
    return {
      metric: spec.metric,
      groupBy: spec.groupBy,
      period: { from: spec.from, to: spec.to },
      previousPeriod: prevPeriod,
      currency: baseCurrency,
      timeZone,
      source: plan ? 'facts' : 'live',
      rows,
      others,
      total: metricsOf(current.total, perProduct),
      previousTotal: previous ? metricsOf(previous.total, perProduct) : null,
      reconciliation:
        perProduct && current.orderTotal
          ? {
              linesNet: current.total.net,
              orderDiscounts: current.orderTotal.discounts,
              shipping: current.orderTotal.shipping,
              revenueNet: current.orderTotal.net,
            }
          : null,
    };
  }

  const change = (cur: number, prev: number) =>
    prev === 0 ? null : Math.round(((cur - prev) / prev) * 1000) / 10;

  async function dashboard(): Promise<Dashboard> {
    const { timeZone, baseCurrency } = await general();
    await repo.ensureFresh(timeZone, baseCurrency);
    const now = Date.now();
    const today = localDayOf(timeZone, now);
    const into = msIntoLocalDay(timeZone, now);
    const allDays = (from: LocalDay, to: LocalDay) =>
      repo.readFacts({ dim: 'all', ranges: [{ grain: 'd', from, to }], key: 'none' });

    /** [start, now] against [prevStart, same point of prevCutDay], full days from the facts. */
    async function tile(start: LocalDay, prevStart: LocalDay, prevCutDay: LocalDay | null) {
      const [current] = await allDays(start, today);
      const prevEnd = prevCutDay
        ? instantOf(timeZone, prevCutDay, into)
        : instantOf(timeZone, start);
      const fullTo = prevCutDay ? addDays(prevCutDay, -1) : addDays(start, -1);
      const [full] = fullTo >= prevStart ? await allDays(prevStart, fullTo) : [];
      const partial = prevCutDay
        ? await repo.salesBetween(instantOf(timeZone, prevCutDay), prevEnd, baseCurrency)
        : { orders: 0, gross: 0 };
      const prev = {
        orders: (full?.orders ?? 0) + partial.orders,
        gross: (full?.gross ?? 0) + partial.gross,
      };
      const cur = { orders: current?.orders ?? 0, gross: current?.gross ?? 0 };
      return {
        from: new Date(instantOf(timeZone, start)).toISOString(),
        to: new Date(now).toISOString(),
        orders: cur.orders,
        revenueGross: cur.gross,
        previous: {
          from: new Date(instantOf(timeZone, prevStart)).toISOString(),
          to: new Date(prevEnd).toISOString(),
          orders: prev.orders,
          revenueGross: prev.gross,
        },
        change: {
          orders: change(cur.orders, prev.orders),
          revenueGross: change(cur.gross, prev.gross),
        },
      } satisfies SalesTile;
    }

    const week = weekStart(today);
    const month = monthStart(today);
    const prevMonth = addMonths(month, -1);
    const dom = Number(today.slice(8, 10));
    const monthCut = dom > daysInMonth(prevMonth) ? null : addDays(prevMonth, dom - 1);
    const last30 = addDays(today, -29);
    const [statusRows, todayTile, weekTile, monthTile, days, products, clients] = await Promise.all(
      [
        repo.readFacts({
          dim: 'all',
          ranges: [{ grain: 'y', from: '1000-01-01', to: '9999-01-01' }],
          key: 'status',
        }),
        tile(today, addDays(today, -1), addDays(today, -1)),
        tile(week, addDays(week, -7), addDays(today, -7)),
        tile(month, prevMonth, monthCut),
        repo.readFacts({
          dim: 'all',
          ranges: [{ grain: 'd', from: last30, to: today }],
          key: 'period',
        }),
        repo.readFacts({
          dim: 'product',
          ranges: [{ grain: 'm', from: month, to: month }],
          key: 'value',
          sort: 'net',
          limit: 5,
        }),
        repo.readFacts({
          dim: 'client',
          ranges: [{ grain: 'm', from: month, to: month }],
          key: 'value',
          sort: 'gross',
          limit: 5,
        }),
      ],
    );
    const [pending, inProgress, shipped, lowStock, emailRows, productNames, clientNames] =
      await Promise.all([
        repo.waiting('pending', 5),
        repo.waiting('in_progress', 5),
        repo.waiting('shipped', 5),
        repo.lowStock(10),
        repo.emails(
          instantOf(timeZone, addDays(today, -6)),
          instantOf(timeZone, addDays(today, 1)),
          timeZone,
        ),
        repo.labels(
          'product',
          products.filter((p) => p.key).map((p) => Number(p.key)),
        ),
        repo.labels(
          'client',
          clients.map((c) => Number(c.key)),
        ),
      ]);
    const counts = { pending: 0, in_progress: 0, shipped: 0, completed: 0, cancelled: 0 };
    for (const r of statusRows)
      if (r.key in counts) counts[r.key as keyof typeof counts] = r.orders;
    const byDay = new Map(days.map((d) => [d.key, d]));
    const emails = emailRows.reduce(
      (a, r) => ({
        sent: a.sent + r.sent,
        failed: a.failed + r.failed,
        queued: a.queued + r.queued,
      }),
      { sent: 0, failed: 0, queued: 0 },
    );
    return {
      generatedAt: new Date(now).toISOString(),
      currency: baseCurrency,
      timeZone,
      statusCounts: counts,
      sales: { today: todayTile, week: weekTile, month: monthTile },
      revenueByDay: eachDay(last30, today).map((day) => ({
        day,
        revenueGross: byDay.get(day)?.gross ?? 0,
        orders: byDay.get(day)?.orders ?? 0,
      })),
      topProducts: products.map((p) => {
        const label = p.key ? productNames.get(Number(p.key)) : undefined;
        return {
          productId: p.key ? Number(p.key) : null,
          sku: label?.sku ?? null,
          name: label?.name ?? '',
          revenueNet: p.net,
          unitsSold: p.units,
        };
      }),
      topClients: clients.map((c) => ({
        clientId: Number(c.key),
        name: clientNames.get(Number(c.key))?.name ?? '',
        revenueGross: c.gross,
        orders: c.orders,
      })),
      waiting: { pending, in_progress: inProgress, shipped },
      lowStock,
      emails: { from: addDays(today, -6), to: today, ...emails },
    };
  }

  async function communications(query: CommunicationsQuery): Promise<CommunicationsReport> {
    const { timeZone } = await general();
    let { from, to } = query;
    if (query.range || (!from && !to)) {
      if (query.range && (from || to))
        throw invalid('/querystring/range', 'cannot be combined with from and to');
      ({ from, to } = rangePeriod(query.range ?? 'last_30_days', localDayOf(timeZone, Date.now())));
    }
    if (!from) throw invalid('/querystring/from', 'is required with to');
    if (!to) throw invalid('/querystring/to', 'is required with from');
    if (from > to) throw invalid('/querystring/to', `must not be before from (${from})`);
    if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS)
      throw invalid('/querystring/to', 'makes a period longer than 5 years');
    const rows = await repo.emails(
      instantOf(timeZone, from),
      instantOf(timeZone, addDays(to, 1)),
      timeZone,
    );
    const counts = () => ({ sent: 0, failed: 0, queued: 0 });
    const total = counts();
    const byEvent = new Map<string, ReturnType<typeof counts>>();
    const byDay = new Map(eachDay(from, to).map((d) => [d, counts()]));
    for (const r of rows) {
      if (!byEvent.has(r.event)) byEvent.set(r.event, counts());
      for (const target of [total, byEvent.get(r.event), byDay.get(r.day)]) {
        if (!target) continue;
        target.sent += r.sent;
        target.failed += r.failed;
        target.queued += r.queued;
      }
    }
    return {
      period: { from, to },
      timeZone,
      total,
      byEvent: [...byEvent]
        .map(([event, c]) => ({
          event: event as CommunicationsReport['byEvent'][number]['event'],
          ...c,
        }))
        .sort((a, b) => b.sent + b.failed + b.queued - (a.sent + a.failed + a.queued)),
      byDay: [...byDay].map(([day, c]) => ({ day, ...c })),
    };
  }

  const savedWire = (
    row: Awaited<ReturnType<ReportsRepository['saved']['list']>>[number],
  ): SavedReport => ({
    id: row.id,
    name: row.name,
    spec: row.spec,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });

  return {
    aggregate,
    dashboard,
    communications,
    /** The spec checked and its period resolved (exports use it for titles and file names). */
    async resolve(query: ReportQuery, at = '/querystring') {
      const { timeZone } = await general();
      return resolve(query, timeZone, at);
    },
    saved: {
      async list(userId: number): Promise<{ items: SavedReport[] }> {
        return { items: (await repo.saved.list(userId)).map(savedWire) };
      },
      async get(userId: number, id: number): Promise<SavedReport> {
        const row = await repo.saved.find(userId, id);
        if (!row) throw new AppError('SAVED_REPORT_NOT_FOUND', `No saved report ${id}.`);
        return savedWire(row);
      },
      async create(userId: number, body: CreateSavedReportBody): Promise<SavedReport> {
        const name = body.name.trim();
        if (!name) throw invalid('/name', 'must not be blank');
        const { timeZone } = await general();
        resolve(body.spec, timeZone, '/spec');
        try {
          const id = await repo.saved.insert(userId, name, body.spec);
          return savedWire((await repo.saved.find(userId, id))!);
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          if (cause?.code === 'ER_DUP_ENTRY')
            throw new AppError('REPORT_NAME_TAKEN', `You already have a report named ${name}.`, {
              errors: [{ path: '/name', message: 'is already used by one of your reports' }],
            });
          throw error;
        }
      },
      async remove(userId: number, id: number) {
        if ((await repo.saved.remove(userId, id)) === 0)
          throw new AppError('SAVED_REPORT_NOT_FOUND', `No saved report ${id}.`);
      },
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
