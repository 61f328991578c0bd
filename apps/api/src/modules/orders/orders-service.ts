import { randomUUID } from 'node:crypto';
import {
  EDITABLE_STATUSES,
  MAX_ORDER_LINES,
  computeTotals,
  convertAmount,
  toBaseAmount,
  nextStatuses,
  normaliseRate,
  type BulkBody,
  type BulkResult,
  type ChangeChannel,
  type Client,
  type CreateOrderBody,
  type CreateSavedViewBody,
  type FieldChange,
  type Order,
  type OrderAddress,
  type OrderEvent,
  type OrderFilters,
  type OrderLineInput,
  type OrderOptions,
  type OrderPayment,
  type OrderStatus,
  type OrderSummary,
  type OrdersListQuery,
  type CountedPage,
  type PaymentBody,
  type PaymentStatus,
  type RefundBody,
  type Role,
  type SavedView,
  type SettingsValues,
  type StatusChangeBody,
  type UpdateOrderBody,
} from '@gestco/contract';
import { BULK_LIMIT, atLeast } from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Gate } from '../../lib/gate.ts';
import { nationalOf, orderSearchText } from './order-search-text.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import { basisPointsToPercent, percentToBasisPoints } from '../../lib/percent.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ClientsService } from '../clients/clients-service.ts';
import type { CouponsService } from '../coupons/coupons-service.ts';
import type { InventoryService, StockLine } from '../inventory/inventory-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { UsersService } from '../users/users-service.ts';
import type {
  NotificationsService,
  OrderSnapshot,
} from '../notifications/notifications-service.ts';
import type { NotificationEvent } from '@gestco/contract';
import type {
  ContextClientRow,
  NewOrderLineRow,
  OrderClientRow,
  OrderEventRow,
  OrderLineRow,
  OrderPageRow,
  OrderPatch,
  OrderRow,
  OrdersRepository,
  PricingProduct,
} from './orders-repository.ts';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path} ${message}`, { errors: [{ path, message }] });

export interface ChangeOptions {
  channel?: ChangeChannel;
  role?: Role;
  /**
   * Quick-order links: price in the client's currency at the rate of settings,
   * record the link, and always tell the client and the staff.
   */
  quickLink?: {
    id: number;
    currency: string;
    rate: string;
    /** Runs first in the order's transaction (the link's counters: locked before the FK reads them). */
    onOrder: (tx: Executor) => Promise<void>;
  };
}

type PricedLine = Omit<NewOrderLineRow, 'orderId'>;
type Carriers = SettingsValues['orders']['carriers'];

/** The client an order is taken for: an existing one (one read) or the one just created. */
interface OrderingClient extends OrderClientRow {
  kind: Client['kind'];
  contactPerson: string | null;
  phoneNational: string | null;
  address: Client['address'];
  discountBp: number;
  language: Client['language'];
}

const orderingClientOfRow = (c: ContextClientRow): OrderingClient => ({
  id: c.id,
  code: c.code,
  name: c.name,
  email: c.email,
  phone: c.phone,
  status: c.status,
  kind: c.kind,
  contactPerson: c.contactPerson,
  phoneNational: c.phone ? nationalOf(c.phone) : null,
  address: {
    line1: c.addressLine1,
    line2: c.addressLine2,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
  },
  discountBp: c.discountBp,
  language: c.language,
});

const orderingClientOf = (c: Client): OrderingClient => ({
  id: c.id,
  code: c.code,
  name: c.name,
  email: c.email,
  phone: c.phone,
  status: c.status,
  kind: c.kind,
  contactPerson: c.contactPerson,
  phoneNational: c.phoneNational,
  address: c.address,
  discountBp: percentToBasisPoints(c.discountRate),
  language: c.language,
});

/** Payment status from the money recorded (refunds win: they say what happened last). */
export function paymentStatusOf(total: number, paid: number, refunded: number): PaymentStatus {
  if (refunded > 0) return refunded >= paid ? 'refunded' : 'partially_refunded';
  return paid > 0 && paid >= total ? 'paid' : 'unpaid';
}

/** `CMD-{year}-{seq:6}` → CMD-2026-000123. The scope of the counter is the year when the format has one. */
export function formatReference(format: string, year: number, seq: number) {
  return format
    .replace('{year}', String(year))
    .replace(/\{seq(?::(\d))?\}/, (_m, digits: string | undefined) =>
      String(seq).padStart(Number(digits ?? 1), '0'),
    );
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();
function yearIn(timeZone: string, date = new Date()) {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(date));
}

const lineLabel = (l: { sku: string | null; name: string; id?: number }) => l.sku ?? l.name;

/** Catalogue products of the lines that take today's price (new lines with a productId). */
const newProductIds = (inputs: OrderLineInput[]) => [
  ...new Set(inputs.filter((l) => l.id === undefined && l.productId).map((l) => l.productId!)),
];

/** Product quantities of a set of lines: what stock should hold back for them. */
function stockQuantities(lines: { productId?: number | null; quantity: number }[]) {
  const map = new Map<number, number>();
  for (const l of lines)
    if (l.productId) map.set(l.productId, (map.get(l.productId) ?? 0) + l.quantity);
  return map;
}

export function createOrdersService(deps: {
  db: Database;
  ordersRepository: OrdersRepository;
  auditService: Pick<AuditService, 'record'>;
  settingsService: Pick<SettingsService, 'get' | 'getAll'>;
  clientsService: Pick<ClientsService, 'create' | 'convertOnFirstOrder'>;
  couponsService: Pick<CouponsService, 'resolve'>;
  inventoryService: Pick<InventoryService, 'move'>;
  usersService: Pick<UsersService, 'findRow'>;
  /** The list's searches and tab counts go through it (decision 0018); none when absent. */
  searchGate?: Gate;
  /** The outbox (notifications module); bound late, absent in a build without it. */
  notifications?: () => Pick<
    NotificationsService,
    'enqueueForOrder' | 'forOrder' | 'setOrderReference'
  >;
}) {
  const { db, ordersRepository: repo, auditService, inventoryService } = deps;
  const search = <T>(task: () => Promise<T>) =>
    deps.searchGate ? deps.searchGate.run(task) : task();

  /** One read of the settings table for the sections an order needs. */
  async function settings() {
    const all = await deps.settingsService.getAll();
    return {
      orders: all.orders.value,
      catalogue: all.catalogue.value,
      general: all.general.value,
      notifications: all.notifications.value,
    };
  }
  type Settings = Awaited<ReturnType<typeof settings>>;

  /**
   * The settings as last read by this process, keyed by the settings' signature (a number that
   * grows with every settings save, see the repository). The statements an order read or creation
   * sends anyway return the current signature, so a change saved through any instance is seen
   * by the next request everywhere: the cache saves the settings read per request, never
   * serves stale settings, and holds nothing another instance needs (DESIGN.md scale-out).
   * Kept under the signature seen *before* the read: a change racing with it is fetched again.
   */
  let settingsCache: { signature: string; value: Settings } | null = null;
  async function settingsAt(signature: string): Promise<Settings> {
    if (settingsCache?.signature === signature) return settingsCache.value;
    const value = await settings();
    settingsCache = { signature, value };
    return value;
  }

  function trackingUrl(carriers: Carriers, row: Pick<OrderRow, 'carrier' | 'trackingCode'>) {
    if (!row.carrier || !row.trackingCode) return null;
    const carrier = carriers.find((c) => c.name.toLowerCase() === row.carrier!.toLowerCase());
    return carrier?.trackingUrlTemplate
      ? carrier.trackingUrlTemplate.replace('{code}', encodeURIComponent(row.trackingCode))
      : null;
  }

  async function requireOrder(id: number, tx?: Executor, forUpdate = false) {
    const row = await repo.findById(id, tx, forUpdate);
    if (!row) throw new AppError('ORDER_NOT_FOUND', `Order ${id} does not exist.`);
    return row;
  }

  /** The order as the API answers it, from rows already read (or just written). */
  function wire(
    row: OrderPageRow,
    lines: OrderLineRow[],
    client: OrderClientRow,
    operatorName: string | null,
    carriers: Carriers,
  ): Order {
    return {
      id: row.id,
      reference: row.reference,
      client: {
        id: client.id,
        code: client.code,
        name: client.name,
        email: client.email,
        phone: client.phone,
        status: client.status,
      },
      operatorId: row.operatorId,
      operatorName,
      origin: row.origin,
      status: row.status,
      allowedStatuses: [...nextStatuses(row.status)],
      paymentStatus: row.paymentStatus,
      paymentMethod: row.paymentMethod,
      shippingMethod: row.shippingMethod,
      carrier: row.carrier,
      trackingCode: row.trackingCode,
      trackingUrl: trackingUrl(carriers, row),
      billingAddress: row.billingAddress,
      shippingSameAsBilling: row.shippingSameAsBilling,
      shippingAddress: row.shippingAddress,
      lines: lines.map((l) => ({
        id: l.id,
        productId: l.productId,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountRate: basisPointsToPercent(l.discountBp),
        vatRate: l.vatRate,
        total: l.total,
        restockedQuantity: l.restockedQuantity,
      })),
      couponCode: row.couponCode,
      clientDiscountRate: basisPointsToPercent(row.clientDiscountBp),
      shippingFee: row.shippingFee,
      shippingVatRate: row.shippingVatRate,
      totals: row.totals,
      currency: row.currency,
      exchangeRate: row.exchangeRate,
      quickLinkId: row.quickLinkId,
      paidAmount: row.paidAmount,
      refundedAmount: row.refundedAmount,
      stockState: row.stockState,
      internalNote: row.internalNote,
      tags: row.tags,
      requestedDeliveryDate: row.requestedDeliveryDate,
      shippedAt: row.shippedAt?.toISOString() ?? null,
      completedAt: row.completedAt?.toISOString() ?? null,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  }

  /**
   * An order read outside transactions: one statement (the order with its lines, client
   * summary, operator name and the settings' signature). The settings are read only for a
   * tracking URL, and then only when they changed since this process last read them.
   */
  async function load(id: number): Promise<Order> {
    const full = await repo.findFull(id);
    if (!full) throw new AppError('ORDER_NOT_FOUND', `Order ${id} does not exist.`);
    const row = full.order;
    const carriers =
      row.carrier && row.trackingCode
        ? (await settingsAt(full.settingsSignature)).orders.carriers
        : [];
    return wire(row, full.lines, full.client, full.operatorName, carriers);
  }

  const eventWire = (e: OrderEventRow): OrderEvent => ({
    id: e.id,
    orderId: e.orderId,
    type: e.type,
    channel: e.channel,
    actorLabel: e.actorLabel,
    actorId: e.actorId,
    fromStatus: e.fromStatus as OrderStatus | null,
    toStatus: e.toStatus as OrderStatus | null,
    changes: e.changes,
    comment: e.comment,
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  });

  async function event(
    actor: ActorContext,
    orderId: number,
    fields: {
      type: OrderEventRow['type'];
      channel: ChangeChannel;
      fromStatus?: OrderStatus | null;
      toStatus?: OrderStatus | null;
      changes?: FieldChange[];
      comment?: string | null;
      data?: Record<string, unknown>;
    },
    tx: Executor,
  ) {
    return repo.insertEvent(
      {
        orderId,
        type: fields.type,
        channel: fields.channel,
        actorType: actor.actorType,
        actorId: actor.actorId,
        actorLabel: actor.actorLabel,
        fromStatus: fields.fromStatus ?? null,
        toStatus: fields.toStatus ?? null,
        changes: fields.changes ?? [],
        comment: fields.comment?.trim() || null,
        data: fields.data ?? {},
      },
      tx,
    );
  }

  const defaultChannel = (actor: ActorContext): ChangeChannel =>
    actor.actorType === 'api_key' ? 'api' : actor.actorType === 'system' ? 'system' : 'web';

  /**
   * Prices the lines on the server. Lines sent with an `id` keep the snapshot of
   * that existing line; new catalogue lines take today's price and VAT rate.
   */
  async function priceLines(
    inputs: OrderLineInput[],
    existing: OrderLineRow[] | null,
    s: Settings,
    tx?: Executor,
    /** The order's currency when it is not the base: catalogue prices are converted. */
    money: { currency: string; rate: string } = { currency: s.general.baseCurrency, rate: '1' },
    /** The catalogue rows of the new lines, when the caller read them already (`newProductIds`). */
    prefetched?: PricingProduct[],
  ): Promise<(PricedLine & { id?: number })[]> {
    const price = (amount: number) =>
      convertAmount(amount, s.general.baseCurrency, money.currency, money.rate);
    if (inputs.length > MAX_ORDER_LINES)
      throw invalid('/lines', `must have at most ${MAX_ORDER_LINES} lines`);
    const byId = new Map((existing ?? []).map((l) => [l.id, l]));
    const catalogue = new Map(
      (prefetched ?? (await repo.productsForPricing(newProductIds(inputs), tx))).map((p) => [
        p.id,
        p,
      ]),
    );
    const rates = new Set(s.catalogue.vatRates.map(normaliseRate));
    const seen = new Set<number>();
    return inputs.map((input, i) => {
      const at = (field: string) => `/lines/${i}/${field}`;
      const discountBp = percentToBasisPoints(input.discountRate ?? '0');
      if (input.id !== undefined) {
        const line = byId.get(input.id);
        if (!line || seen.has(input.id)) throw invalid(at('id'), 'is not a line of this order');
        seen.add(input.id);
        if (input.productId !== undefined && input.productId !== line.productId)
          throw invalid(
            at('productId'),
            'cannot change on an existing line; remove it and add a new one',
          );
        if (line.productId) {
          for (const f of ['unitPrice', 'vatRate', 'description'] as const)
            if (input[f] !== undefined)
              throw invalid(at(f), 'is set from the catalogue for product lines');
        } else if (input.vatRate !== undefined && !rates.has(normaliseRate(input.vatRate))) {
          throw invalid(at('vatRate'), 'is not one of the VAT rates in settings');
        }
        return {
          id: line.id,
          position: i,
          productId: line.productId,
          sku: line.sku,
          name: line.productId ? line.name : (input.description?.trim() ?? line.name),
          quantity: input.quantity,
          unitPrice: line.productId ? line.unitPrice : (input.unitPrice ?? line.unitPrice),
          discountBp: input.discountRate === undefined ? line.discountBp : discountBp,
          vatRate: line.productId ? line.vatRate : normaliseRate(input.vatRate ?? line.vatRate),
          total: 0,
          restockedQuantity: line.restockedQuantity,
        };
      }
      if (input.productId !== undefined) {
        for (const f of ['unitPrice', 'vatRate', 'description'] as const)
          if (input[f] !== undefined)
            throw invalid(at(f), 'is set by the server for catalogue products');
        const product = catalogue.get(input.productId);
        if (!product) throw invalid(at('productId'), 'is not a known product');
        if (product.archived || !product.active) {
          throw new AppError(
            'PRODUCT_ARCHIVED',
            `Product ${product.sku} is not for sale (archived or inactive).`,
            {
              errors: [{ path: at('productId'), message: 'is archived or inactive' }],
            },
          );
        }
        return {
          position: i,
          productId: product.id,
          sku: product.sku,
          name: product.name,
          quantity: input.quantity,
          unitPrice: price(product.unitPrice),
          discountBp,
          vatRate: normaliseRate(basisPointsToPercent(product.vatBp)),
          total: 0,
          restockedQuantity: 0,
        };
      }
      const description = input.description?.trim();
      if (!description)
        throw invalid(at('description'), 'is required for a line without productId');
      if (input.unitPrice === undefined)
        throw invalid(at('unitPrice'), 'is required for a free-text line');
      if (input.vatRate === undefined)
        throw invalid(at('vatRate'), 'is required for a free-text line');
      if (!rates.has(normaliseRate(input.vatRate)))
        throw invalid(at('vatRate'), 'is not one of the VAT rates in settings');
      return {
        position: i,
        productId: null,
        sku: null,
        name: description,
        quantity: input.quantity,
        unitPrice: input.unitPrice,
        discountBp,
        vatRate: normaliseRate(input.vatRate),
        total: 0,
        restockedQuantity: 0,
      };
    });
  }

  /** Totals from the priced lines (the one formula, shared with the SPA preview); fills each line's total. */
  function totalsOf(
    lines: PricedLine[],
    order: Pick<
      OrderRow,
      'clientDiscountBp' | 'couponKind' | 'couponValue' | 'shippingFee' | 'shippingVatRate'
    >,
  ) {
    const computed = computeTotals({
      lines: lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountRate: basisPointsToPercent(l.discountBp ?? 0),
        vatRate: l.vatRate,
      })),
      clientDiscountRate: basisPointsToPercent(order.clientDiscountBp),
      coupon:
        order.couponKind === 'percent'
          ? { kind: 'percent', percent: basisPointsToPercent(order.couponValue ?? 0) }
          : order.couponKind === 'amount'
            ? { kind: 'amount', amount: order.couponValue ?? 0 }
            : null,
      shippingFee: order.shippingFee,
      shippingVatRate: order.shippingVatRate,
    });
    lines.forEach((l, i) => (l.total = computed.lineTotals[i]!));
    return computed.totals;
  }

  function assertOperator(user: { active: boolean; role: Role } | null | undefined) {
    if (!user || !user.active || user.role === 'viewer')
      throw invalid('/operatorId', 'is not an active staff member who can take orders');
  }

  async function checkOperator(id: number | null | undefined) {
    if (id === null || id === undefined) return;
    assertOperator(await deps.usersService.findRow(id));
  }

  function checkMethods(
    s: Settings,
    body: { paymentMethod?: string | null; shippingMethod?: string | null },
  ) {
    if (body.paymentMethod && !s.orders.paymentMethods.includes(body.paymentMethod))
      throw invalid('/paymentMethod', 'is not a payment method in settings');
    if (
      body.shippingMethod &&
      !s.orders.shippingMethods.some((m) => m.name === body.shippingMethod)
    )
      throw invalid('/shippingMethod', 'is not a shipping method in settings');
  }

  function defaultBilling(client: OrderingClient): OrderAddress {
    return {
      // A company with a contact person: the person, at the company; otherwise the name alone.
      name: client.contactPerson ?? client.name,
      company: client.kind === 'company' && client.contactPerson ? client.name : null,
      email: client.email,
      phone: client.phoneNational ?? client.phone,
      line1: client.address.line1,
      line2: client.address.line2,
      postalCode: client.address.postalCode,
      city: client.address.city,
      country: client.address.country,
    };
  }

  /** Takes or gives back stock for a change of product quantities on a deducted order. */
  async function moveDifference(
    actor: ActorContext,
    orderId: number,
    before: Map<number, number>,
    after: Map<number, number>,
    tx: Executor,
  ) {
    const take: StockLine[] = [];
    const give: StockLine[] = [];
    for (const productId of new Set([...before.keys(), ...after.keys()])) {
      const diff = (after.get(productId) ?? 0) - (before.get(productId) ?? 0);
      if (diff > 0) take.push({ productId, delta: -diff });
      if (diff < 0) give.push({ productId, delta: -diff });
    }
    const ref = { type: 'order' as const, id: orderId };
    await inventoryService.move(actor, take, 'order_deduct', ref, 'order edited', tx);
    await inventoryService.move(actor, give, 'order_restore', ref, 'order edited', tx);
  }

  async function changeStatusIn(
    actor: ActorContext,
    id: number,
    body: StatusChangeBody,
    channel: ChangeChannel,
    tx: Executor,
    st: Settings,
  ) {
    const before = await requireOrder(id, tx, true);
    if (body.version !== undefined && body.version !== before.version)
      throw versionConflict('order');
    const allowed = nextStatuses(before.status);
    if (!allowed.includes(body.status)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        allowed.length === 0
          ? `Order ${before.reference} is ${before.status}: its status can no longer change.`
          : `Order ${before.reference} cannot go from ${before.status} to ${body.status}; allowed: ${allowed.join(', ')}.`,
        { allowed: [...allowed] },
      );
    }
    const lines = await repo.lines(id, tx);
    const takes = before.status === 'pending' && body.status === 'in_progress';
    const gives = body.status === 'cancelled' && before.stockState === 'deducted';
    const skip = body.stock === 'skip';
    let stock: 'applied' | 'skipped' | 'none' = 'none';
    const patch: OrderPatch = { status: body.status };
    if (takes || gives) {
      if (skip) {
        const reason = body.stockReason?.trim();
        if (!reason || reason.length < 3)
          throw invalid('/stockReason', 'is required (3 characters or more) when stock is skipped');
        stock = 'skipped';
        if (takes) patch.stockState = 'skipped';
      } else {
        const ref = { type: 'order' as const, id };
        const qty = [...stockQuantities(lines)];
        if (takes) {
          await inventoryService.move(
            actor,
            qty.map(([productId, q]) => ({ productId, delta: -q })),
            'order_deduct',
            ref,
            before.reference,
            tx,
          );
          patch.stockState = 'deducted';
        } else {
          // Units already put back by refunds are not restored twice.
          const restocked = stockQuantities(
            lines.map((l) => ({ productId: l.productId, quantity: l.restockedQuantity })),
          );
          await inventoryService.move(
            actor,
            qty.map(([productId, q]) => ({
              productId,
              delta: q - (restocked.get(productId) ?? 0),
            })),
            'order_restore',
            ref,
            `${before.reference} cancelled`,
            tx,
          );
          patch.stockState = 'restored';
        }
        stock = 'applied';
      }
    }
    const now = new Date();
    if (body.status === 'shipped') {
      patch.shippedAt = now;
      if (body.carrier !== undefined) patch.carrier = body.carrier?.trim() || null;
      if (body.trackingCode !== undefined) patch.trackingCode = body.trackingCode?.trim() || null;
    }
    if (body.status === 'completed') patch.completedAt = now;
    if (body.status === 'cancelled') patch.cancelledAt = now;
    const changes: FieldChange[] = [];
    for (const f of ['carrier', 'trackingCode'] as const)
      if (patch[f] !== undefined && patch[f] !== before[f])
        changes.push({ field: f, before: before[f], after: patch[f] });
    if (patch.trackingCode !== undefined && patch.trackingCode !== before.trackingCode) {
      const client = await repo.clientSummary(before.clientId, tx);
      patch.searchText = orderSearchText({ ...before, trackingCode: patch.trackingCode }, client!);
    }
    await repo.update(id, before.version, patch, tx);
    const data = {
      stock,
      stockReason: stock === 'skipped' ? body.stockReason!.trim() : null,
      // true/false as asked; null = the per-status default of the notifications settings.
      notify: body.notify ?? null,
    };
    await event(
      actor,
      id,
      {
        type: 'status',
        channel,
        fromStatus: before.status,
        toStatus: body.status,
        changes,
        comment: body.comment,
        data,
      },
      tx,
    );
    // After the event row, so the email follows the change in the timeline.
    if (body.status !== 'pending')
      await notify(actor, id, `status_${body.status}`, body.notify, tx, st, {
        extra: { comment: body.comment?.trim() || null },
        known: { row: { ...before, ...patch } as OrderRow, lines },
      });
    await auditService.record(
      actor,
      {
        action: 'order.status',
        entity: 'order',
        entityId: id,
        before: { status: before.status, stockState: before.stockState },
        after: {
          status: body.status,
          stockState: patch.stockState ?? before.stockState,
          ...data,
          channel,
        },
      },
      tx,
    );
  }

  /** The order as an email will tell it, read inside the transaction that changes it. */
  async function snapshotOf(
    id: number,
    tx: Executor,
    st: Settings,
    extra: Partial<Pick<OrderSnapshot, 'comment' | 'message' | 'paymentUrl' | 'subject'>> = {},
    /** The order and its lines as the caller's transaction already holds them (not read again). */
    known?: { row: OrderRow; lines: Pick<OrderLineRow, 'quantity' | 'name' | 'total'>[] },
  ): Promise<OrderSnapshot> {
    // Inside the transaction: only `tx` (a pool read here could wait for a connection held by
    // a transaction queued behind this one's locks), and settings read before it began.
    const row = known?.row ?? (await requireOrder(id, tx));
    const lines = known?.lines ?? (await repo.lines(id, tx));
    const client = await repo.clientContact(row.clientId, tx);
    return {
      orderId: row.id,
      reference: row.reference,
      status: row.status,
      total: row.total,
      currency: row.currency,
      createdAt: row.createdAt.toISOString(),
      carrier: row.carrier,
      trackingCode: row.trackingCode,
      trackingUrl: trackingUrl(st.orders.carriers, row),
      lines: lines.map((l) => ({ quantity: l.quantity, name: l.name, total: l.total })),
      client: {
        id: client!.id,
        name: client!.name,
        code: client!.code,
        email: row.billingAddress.email ?? client!.email,
        language: client!.language,
      },
      operatorId: row.operatorId,
      ...extra,
    };
  }

  /** Queues the emails of an event in the same transaction (the outbox); returns how many. */
  async function notify(
    actor: ActorContext,
    id: number,
    event: NotificationEvent,
    wanted: boolean | undefined,
    tx: Executor,
    st: Settings,
    opts: {
      extra?: Parameters<typeof snapshotOf>[3];
      known?: Parameters<typeof snapshotOf>[4];
      /** The snapshot itself, when the caller has it all in hand (a new order). */
      snapshot?: OrderSnapshot;
      notifications?: Settings['notifications'];
    } = {},
  ) {
    const outbox = deps.notifications?.();
    if (!outbox) return 0;
    const notifications = opts.notifications ?? st.notifications;
    // The outbox's first rule (`notify` unset → the event's default in settings), checked
    // before the snapshot is built: a change that emails nobody reads nothing for it.
    const byDefault = (notifications.notifyByDefault as Partial<Record<string, boolean>>)[event];
    if (!(wanted ?? byDefault ?? false)) return 0;
    const snapshot = opts.snapshot ?? (await snapshotOf(id, tx, st, opts.extra, opts.known));
    return outbox.enqueueForOrder(actor, event, snapshot, wanted, tx, notifications);
  }

  async function fullTx<T>(fn: (tx: Executor) => Promise<T>) {
    return inTransaction(db, fn);
  }

  const service = {
    async options(): Promise<OrderOptions> {
      const s = await settings();
      const [tags, operators] = await Promise.all([repo.tagsInUse(), repo.operators()]);
      return {
        paymentMethods: s.orders.paymentMethods,
        shippingMethods: s.orders.shippingMethods,
        carriers: s.orders.carriers,
        tags,
        operators,
        vatRates: s.catalogue.vatRates,
        defaultVatRate: s.catalogue.defaultVatRate,
        currency: s.general.baseCurrency,
        notifyByDefault: s.notifications.notifyByDefault,
        paymentLinkEnabled: s.notifications.paymentUrlTemplate !== null,
      };
    },

    async create(
      actor: ActorContext,
      body: CreateOrderBody,
      opts: ChangeOptions = {},
    ): Promise<Order> {
      const channel = opts.channel ?? defaultChannel(actor);
      if ((body.clientId === undefined) === (body.newClient === undefined))
        throw invalid(
          body.clientId === undefined ? '/clientId' : '/newClient',
          'give exactly one of clientId or newClient',
        );
      if (body.shippingSameAsBilling === false && !body.shippingAddress)
        throw invalid('/shippingAddress', 'is required when shippingSameAsBilling is false');
      const operatorId =
        body.operatorId !== undefined
          ? body.operatorId
          : actor.actorType === 'user'
            ? actor.actorId
            : null;
      // One read before the transaction: the client, the operator, the catalogue rows of the
      // lines and the settings' signature (the settings themselves only when they changed).
      const context = await repo.orderContext(
        body.clientId ?? null,
        operatorId,
        body.lines.length <= MAX_ORDER_LINES ? newProductIds(body.lines) : [],
      );
      const s = await settingsAt(context.settingsSignature);
      checkMethods(s, body);
      if (body.operatorId !== undefined && body.operatorId !== null)
        assertOperator(context.operator);
      let existingClient: OrderingClient | undefined;
      if (body.clientId !== undefined) {
        if (!context.client) throw invalid('/clientId', 'is not a known client');
        if (context.client.archived) {
          throw new AppError('CLIENT_ARCHIVED', `Client ${context.client.name} is archived.`, {
            errors: [{ path: '/clientId', message: 'is archived' }],
          });
        }
        existingClient = orderingClientOfRow(context.client);
      }
      const base = s.general.baseCurrency;
      const currency = opts.quickLink?.currency ?? base;
      const exchangeRate = opts.quickLink && currency !== base ? opts.quickLink.rate : '1';
      const lines = await priceLines(
        body.lines,
        null,
        s,
        undefined,
        { currency, rate: exchangeRate },
        context.products,
      );
      const shippingMethod = body.shippingMethod
        ? s.orders.shippingMethods.find((m) => m.name === body.shippingMethod)
        : undefined;
      const status = body.status ?? 'pending';

      const created = await fullTx(async (tx) => {
        let client = existingClient;
        if (!client) {
          const nc = body.newClient!;
          const billing = body.billingAddress;
          client = orderingClientOf(
            await deps.clientsService.create(
              actor,
              {
                name: nc.name,
                kind: nc.kind ?? 'individual',
                email: nc.email ?? billing?.email ?? null,
                phone: nc.phone ?? billing?.phone ?? null,
                vatNumber: nc.vatNumber ?? null,
                language: nc.language ?? 'fr',
                address: billing
                  ? {
                      line1: billing.line1,
                      line2: billing.line2,
                      postalCode: billing.postalCode,
                      city: billing.city,
                      country: billing.country,
                    }
                  : {},
              },
              tx,
            ),
          );
        }
        // The client row is locked first (the counter's UPDATE), before the order's foreign key
        // takes a shared lock on it: the same upgrade would deadlock two orders for one client.
        if (opts.quickLink) await opts.quickLink.onOrder(tx);
        await repo.incrementClientOrderCount(client.id, tx);
        if (client.status === 'prospect')
          await deps.clientsService.convertOnFirstOrder(actor, client.id, tx);
        let coupon: Awaited<ReturnType<CouponsService['resolve']>> | undefined;
        if (body.couponCode)
          coupon = await deps.couponsService.resolve(body.couponCode, { consume: true, tx });
        const billingAddress = body.billingAddress ?? defaultBilling(client);
        const shippingSameAsBilling = body.shippingSameAsBilling ?? true;
        const pricing = {
          clientDiscountBp: client.discountBp,
          couponKind: coupon?.kind ?? null,
          couponValue: coupon
            ? coupon.kind === 'percent'
              ? coupon.percentBp
              : coupon.amount
            : null,
          shippingFee: body.shippingFee ?? shippingMethod?.fee ?? 0,
          shippingVatRate: normaliseRate(s.catalogue.defaultVatRate),
        };
        const totals = totalsOf(lines, pricing);
        const origin = opts.quickLink
          ? 'quick_link'
          : (body.origin ?? (actor.actorType === 'api_key' ? 'api' : 'manual'));
        // Every column written, the times included (not left to the database's defaults), so the
        // answer is built from what the transaction wrote instead of read back.
        const now = new Date();
        const values = {
          ...pricing,
          reference: `~${randomUUID()}`,
          clientId: client.id,
          operatorId,
          origin,
          status,
          paymentStatus: paymentStatusOf(totals.total, 0, 0),
          paymentMethod: body.paymentMethod ?? null,
          shippingMethod: body.shippingMethod ?? null,
          carrier: body.carrier ?? shippingMethod?.carrier ?? null,
          trackingCode: body.trackingCode ?? null,
          billingAddress,
          shippingSameAsBilling,
          shippingAddress: shippingSameAsBilling ? billingAddress : body.shippingAddress!,
          couponId: coupon?.id ?? null,
          couponCode: coupon?.code ?? null,
          totals,
          total: totals.total,
          currency,
          exchangeRate,
          baseTotal: toBaseAmount(totals.total, base, currency, exchangeRate),
          quickLinkId: opts.quickLink?.id ?? null,
          paidAmount: 0,
          refundedAmount: 0,
          // The deduction below either succeeds or rolls the whole order back.
          stockState: status === 'in_progress' ? ('deducted' as const) : ('none' as const),
          internalNote: body.internalNote?.trim() || null,
          tags: body.tags ?? [],
          lineCount: lines.length,
          requestedDeliveryDate: body.requestedDeliveryDate ?? null,
          searchText: '',
          shippedAt: null,
          completedAt: null,
          cancelledAt: null,
          createdBy: actor.actorType === 'user' ? actor.actorId : null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        const orderId = await repo.insert(values, tx);
        const row: OrderRow = { ...values, id: orderId };
        // Stock before the lines: the lines' foreign keys take shared locks on the product rows,
        // and a shared lock later upgraded by the deduction deadlocks concurrent orders.
        let stock: 'applied' | 'none' = 'none';
        if (status === 'in_progress') {
          await inventoryService.move(
            actor,
            [...stockQuantities(lines)].map(([productId, q]) => ({ productId, delta: -q })),
            'order_deduct',
            { type: 'order', id: orderId },
            null,
            tx,
          );
          stock = 'applied';
        }
        await repo.insertLines(
          lines.map((l) => ({ ...l, orderId })),
          tx,
        );
        if (body.tags?.length) await repo.insertTags(orderId, now, body.tags, tx);
        await event(
          actor,
          orderId,
          {
            type: 'created',
            channel,
            toStatus: status,
            comment: body.comment ?? null,
            data: {
              origin,
              total: totals.total,
              lines: lines.length,
              stock,
              newClient: !existingClient,
              notify: body.notify ?? null,
            },
          },
          tx,
        );
        // The email's snapshot from what was just written.
        const snapshotOf = (reference: string): OrderSnapshot => ({
          orderId,
          reference,
          status,
          total: totals.total,
          currency,
          createdAt: now.toISOString(),
          carrier: row.carrier,
          trackingCode: row.trackingCode,
          trackingUrl: trackingUrl(s.orders.carriers, row),
          lines: lines.map((l) => ({ quantity: l.quantity, name: l.name, total: l.total })),
          client: {
            id: client.id,
            name: client.name,
            code: client.code,
            email: billingAddress.email ?? client.email,
            language: client.language,
          },
          operatorId,
        });
        // A quick-link order always tells the client and the staff: nobody at the desk took it.
        const notifications: Settings['notifications'] = opts.quickLink
          ? {
              ...s.notifications,
              sendToClient: true,
              // Nobody at the desk took it: the admins hear of it (there is no operator yet).
              staffRecipients: 'admins',
            }
          : s.notifications;
        const queue = (reference: string) =>
          notify(actor, orderId, 'order_created', opts.quickLink ? true : body.notify, tx, s, {
            snapshot: snapshotOf(reference),
            notifications,
          });
        // Emails to the client alone need no read: queued after the reference is taken, they
        // carry it from the start (one INSERT, where the reference once needed a second UPDATE).
        // Emails to staff read their addresses: queued here, so those reads never hold the
        // year's counter row, and given the reference below.
        const late = notifications.staffRecipients === 'none';
        const emails = late ? 0 : await queue(row.reference);
        // The reference last: every order creation takes the year's counter row, so it stays
        // locked for the few statements below and the commit, not for the whole transaction.
        const scope = s.general.orderReferenceFormat.includes('{year}')
          ? String(yearIn(s.general.timeZone))
          : 'all';
        const reference = formatReference(
          s.general.orderReferenceFormat,
          Number(scope) || 0,
          await repo.nextSequence(scope, tx),
        );
        const searchText = orderSearchText(
          { reference, billingAddress, trackingCode: body.trackingCode ?? null },
          client,
        );
        // The last writes go out together: the connection sends each as soon as the one before
        // is answered, with no turn of the event loop in between, while the counter row is held.
        // Still the order's first state: version 1, updatedAt = createdAt.
        await Promise.all([
          repo.completeInsert(orderId, { reference, searchText }, tx),
          late
            ? queue(reference)
            : emails > 0
              ? deps.notifications?.().setOrderReference(orderId, reference, tx)
              : undefined,
          auditService.record(
            actor,
            {
              action: 'order.create',
              entity: 'order',
              entityId: orderId,
              after: {
                reference,
                clientId: client.id,
                status,
                total: totals.total,
                lines: lines.length,
              },
            },
            tx,
          ),
        ]);
        return { row: { ...row, reference, searchText }, client };
      });
      // The answer from what the transaction wrote; only the lines' ids are read back (a
      // multi-row INSERT reports the first id alone, and consecutive ids are not guaranteed
      // everywhere: auto_increment_increment > 1 on clusters).
      const { row, client } = created;
      const ids = await repo.lineIds(row.id);
      if (ids.length !== lines.length) throw new Error(`order ${row.id}: lines not found back`);
      const lineRows: OrderLineRow[] = lines.map((l, i) => ({
        id: ids[i]!,
        orderId: row.id,
        position: l.position,
        productId: l.productId ?? null,
        sku: l.sku ?? null,
        name: l.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountBp: l.discountBp ?? 0,
        vatRate: l.vatRate,
        total: l.total,
        restockedQuantity: l.restockedQuantity ?? 0,
      }));
      // A prospect became a client with this order (convertOnFirstOrder): every client is
      // `current` once it has one.
      return wire(
        row,
        lineRows,
        { ...client, status: 'current' },
        operatorId === null ? null : (context.operator?.name ?? null),
        s.orders.carriers,
      );
    },

    get: (id: number) => load(id),

    async lookup(reference: string) {
      const id = await repo.findIdByReference(reference.trim().toUpperCase());
      if (!id) throw new AppError('ORDER_NOT_FOUND', `No order has the reference ${reference}.`);
      return load(id);
    },

    async list(query: OrdersListQuery): Promise<CountedPage<OrderSummary>> {
      const page = await search(() => repo.list(query));
      return {
        ...page,
        items: page.items.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },

    statusCounts: (filters: OrderFilters) => search(() => repo.statusCounts(filters)),

    /** The timeline: the order's own events and, from the outbox, its emails. */
    async events(id: number) {
      await requireOrder(id);
      const events = (await repo.events(id)).map(eventWire);
      const emails: OrderEvent[] = ((await deps.notifications?.().forOrder(id)) ?? []).map((n) => ({
        id: n.id,
        orderId: id,
        type: 'email',
        channel: 'system',
        actorLabel: n.toEmail,
        actorId: null,
        fromStatus: null,
        toStatus: null,
        changes: [],
        comment: n.subject,
        data: {
          notificationId: n.id,
          event: n.event,
          status: n.status,
          to: n.toEmail,
          recipientType: n.recipientType,
          transport: n.transport,
          lastError: n.lastError,
          sentAt: n.sentAt,
        },
        createdAt: n.createdAt,
      }));
      return {
        items: [...events, ...emails].sort(
          (a, b) => a.createdAt.localeCompare(b.createdAt) || (a.type === 'email' ? 1 : -1),
        ),
      };
    },

    /** "Envoyer un email": the manual template, through the outbox like every email. */
    async sendEmail(actor: ActorContext, id: number, body: { subject: string; message: string }) {
      const st = await settings();
      const queued = await fullTx(async (tx) => {
        const order = await requireOrder(id, tx, true);
        const n = await notify(actor, id, 'manual', true, tx, st, {
          extra: { subject: body.subject.trim(), message: body.message.trim() },
        });
        if (n === 0) {
          throw new AppError('CONFLICT', `The client of ${order.reference} has no email address.`, {
            errors: [
              { path: '/billingAddress/email', message: 'is missing on the order and the client' },
            ],
          });
        }
        await auditService.record(
          actor,
          {
            action: 'order.email',
            entity: 'order',
            entityId: id,
            after: { subject: body.subject },
          },
          tx,
        );
        return n;
      });
      return { queued };
    },

    /** "Renvoyer le lien de paiement": unpaid orders, when a payment URL template is set. */
    async sendPaymentLink(actor: ActorContext, id: number) {
      const st = await settings();
      const template = st.notifications.paymentUrlTemplate;
      const queued = await fullTx(async (tx) => {
        const order = await requireOrder(id, tx, true);
        if (!template)
          throw new AppError(
            'CONFLICT',
            'No payment link template is set (Paramètres → Notifications).',
          );
        if (order.paymentStatus !== 'unpaid' || order.status === 'cancelled')
          throw new AppError('CONFLICT', `Order ${order.reference} is not awaiting payment.`);
        const paymentUrl = template
          .replace('{reference}', encodeURIComponent(order.reference))
          .replace('{amount}', String(order.total - order.paidAmount));
        const n = await notify(actor, id, 'payment_link', true, tx, st, {
          extra: { paymentUrl },
        });
        if (n === 0)
          throw new AppError('CONFLICT', `The client of ${order.reference} has no email address.`);
        await auditService.record(
          actor,
          { action: 'order.payment_link', entity: 'order', entityId: id, after: { paymentUrl } },
          tx,
        );
        return n;
      });
      return { queued };
    },

    /** A real order for template previews. */
    snapshot: async (id: number) => snapshotOf(id, db, await settings()),

    async payments(id: number): Promise<{ items: OrderPayment[] }> {
      await requireOrder(id);
      return {
        items: (await repo.payments(id)).map((p) => ({
          id: p.id,
          kind: p.kind,
          amount: p.amount,
          method: p.method,
          reference: p.reference,
          reason: p.reason,
          paidAt: p.paidAt.toISOString(),
          createdBy: p.createdBy,
          createdAt: p.createdAt.toISOString(),
        })),
      };
    },

    async update(
      actor: ActorContext,
      id: number,
      body: UpdateOrderBody,
      opts: ChangeOptions = {},
    ): Promise<Order> {
      const channel = opts.channel ?? defaultChannel(actor);
      const s = await settings();
      checkMethods(s, body);
      if (body.operatorId !== undefined) await checkOperator(body.operatorId);
      await fullTx(async (tx) => {
        const before = await requireOrder(id, tx, true);
        if (before.version !== body.version) throw versionConflict('order');
        if (!EDITABLE_STATUSES.includes(before.status)) {
          throw new AppError(
            'ORDER_LOCKED',
            `Order ${before.reference} is ${before.status} and can no longer be edited.`,
          );
        }
        if (
          body.lines &&
          before.status === 'shipped' &&
          !atLeast('manager').includes(opts.role ?? 'operator')
        ) {
          throw new AppError(
            'FORBIDDEN',
            'The lines of a shipped order can only be changed by a manager.',
          );
        }
        const patch: OrderPatch = {};
        const changes: FieldChange[] = [];
        const set = <K extends keyof OrderRow & keyof OrderPatch>(field: K, value: OrderRow[K]) => {
          if (JSON.stringify(value) === JSON.stringify(before[field])) return;
          (patch as Record<string, unknown>)[field] = value;
          changes.push({ field, before: before[field], after: value });
        };
        if (body.operatorId !== undefined) set('operatorId', body.operatorId);
        if (body.paymentMethod !== undefined) set('paymentMethod', body.paymentMethod);
        if (body.shippingMethod !== undefined) set('shippingMethod', body.shippingMethod);
        if (body.carrier !== undefined) set('carrier', body.carrier?.trim() || null);
        if (body.trackingCode !== undefined) set('trackingCode', body.trackingCode?.trim() || null);
        if (body.internalNote !== undefined) set('internalNote', body.internalNote?.trim() || null);
        if (body.requestedDeliveryDate !== undefined)
          set('requestedDeliveryDate', body.requestedDeliveryDate);
        if (body.shippingFee !== undefined) set('shippingFee', body.shippingFee);
        if (body.tags !== undefined)
          set('tags', [...new Set(body.tags.map((t) => t.trim()).filter(Boolean))]);
        if (body.billingAddress !== undefined) set('billingAddress', body.billingAddress);
        const same = body.shippingSameAsBilling ?? before.shippingSameAsBilling;
        set('shippingSameAsBilling', same);
        if (same) set('shippingAddress', patch.billingAddress ?? before.billingAddress);
        else if (body.shippingAddress) set('shippingAddress', body.shippingAddress);
        else if (body.shippingSameAsBilling === false && before.shippingSameAsBilling)
          throw invalid('/shippingAddress', 'is required when shippingSameAsBilling is false');
        if (
          body.couponCode !== undefined &&
          (body.couponCode?.toUpperCase() ?? null) !== before.couponCode
        ) {
          if (body.couponCode === null) {
            set('couponCode', null);
            Object.assign(patch, { couponId: null, couponKind: null, couponValue: null });
          } else {
            const coupon = await deps.couponsService.resolve(body.couponCode, {
              consume: true,
              tx,
            });
            set('couponCode', coupon.code);
            Object.assign(patch, {
              couponId: coupon.id,
              couponKind: coupon.kind,
              // An amount coupon is in the base currency: the order's currency may differ.
              couponValue:
                coupon.kind === 'percent'
                  ? coupon.percentBp
                  : convertAmount(
                      coupon.amount ?? 0,
                      s.general.baseCurrency,
                      before.currency,
                      before.exchangeRate,
                    ),
            });
          }
        }

        const oldLines = await repo.lines(id, tx);
        let newLines: (PricedLine & { id?: number })[] = oldLines;
        if (body.lines) {
          newLines = await priceLines(body.lines, oldLines, s, tx, {
            currency: before.currency,
            rate: before.exchangeRate,
          });
          const kept = new Map(newLines.filter((l) => l.id).map((l) => [l.id!, l]));
          for (const old of oldLines) {
            const now = kept.get(old.id);
            const label = lineLabel(old);
            if (!now) {
              changes.push({
                field: `lines[${label}]`,
                before: `${old.quantity} × ${old.name}`,
                after: null,
              });
              continue;
            }
            if (now.quantity !== old.quantity)
              changes.push({
                field: `lines[${label}].quantity`,
                before: old.quantity,
                after: now.quantity,
              });
            if (now.discountBp !== old.discountBp)
              changes.push({
                field: `lines[${label}].discountRate`,
                before: basisPointsToPercent(old.discountBp),
                after: basisPointsToPercent(now.discountBp!),
              });
            if (now.unitPrice !== old.unitPrice)
              changes.push({
                field: `lines[${label}].unitPrice`,
                before: old.unitPrice,
                after: now.unitPrice,
              });
            if (now.name !== old.name)
              changes.push({ field: `lines[${label}].name`, before: old.name, after: now.name });
            if (now.vatRate !== old.vatRate)
              changes.push({
                field: `lines[${label}].vatRate`,
                before: old.vatRate,
                after: now.vatRate,
              });
          }
          for (const l of newLines.filter((x) => !x.id))
            changes.push({
              field: `lines[${lineLabel({ sku: l.sku ?? null, name: l.name })}]`,
              before: null,
              after: `${l.quantity} × ${l.name}`,
            });
          for (const l of newLines) {
            if (l.id && l.quantity < (l.restockedQuantity ?? 0))
              throw invalid(
                `/lines/${l.position}/quantity`,
                `cannot be below the ${l.restockedQuantity} unit(s) already refunded and restocked`,
              );
          }
        }
        const totals = totalsOf(newLines, { ...before, ...patch } as OrderRow);
        if (totals.total !== before.total) {
          patch.total = totals.total;
          patch.baseTotal = toBaseAmount(
            totals.total,
            s.general.baseCurrency,
            before.currency,
            before.exchangeRate,
          );
          changes.push({ field: 'total', before: before.total, after: totals.total });
        }
        patch.totals = totals;
        if (changes.length === 0) return;
        if (body.lines) {
          if (before.stockState === 'deducted')
            await moveDifference(
              actor,
              id,
              stockQuantities(oldLines),
              stockQuantities(newLines),
              tx,
            );
          const keptIds = new Set(newLines.filter((l) => l.id).map((l) => l.id!));
          await repo.deleteLines(
            oldLines.filter((l) => !keptIds.has(l.id)).map((l) => l.id),
            tx,
          );
          for (const l of newLines) {
            const { id: lineId, ...rest } = l;
            if (lineId) await repo.updateLine(lineId, rest, tx);
          }
          await repo.insertLines(
            newLines.filter((l) => !l.id).map((l) => ({ ...l, orderId: id })),
            tx,
          );
          patch.lineCount = newLines.length;
        }
        patch.paymentStatus = paymentStatusOf(
          totals.total,
          before.paidAmount,
          before.refundedAmount,
        );
        // A new total can settle or reopen the balance: that is a change too.
        if (patch.paymentStatus !== before.paymentStatus)
          changes.push({
            field: 'paymentStatus',
            before: before.paymentStatus,
            after: patch.paymentStatus,
          });
        if (patch.tags) await repo.replaceTags(id, before.createdAt, patch.tags, tx);
        if (patch.billingAddress || patch.trackingCode !== undefined) {
          const client = await repo.clientSummary(before.clientId, tx);
          patch.searchText = orderSearchText({ ...before, ...patch } as OrderRow, client!);
        }
        await repo.update(id, before.version, patch, tx);
        await event(
          actor,
          id,
          { type: 'edit', channel, changes, comment: body.reason ?? null },
          tx,
        );
        await auditService.record(
          actor,
          {
            action: 'order.update',
            entity: 'order',
            entityId: id,
            after: { changes, reason: body.reason ?? null },
          },
          tx,
        );
      });
      return load(id);
    },

    async changeStatus(
      actor: ActorContext,
      id: number,
      body: StatusChangeBody,
      opts: ChangeOptions = {},
    ): Promise<Order> {
      const channel = body.channel ?? opts.channel ?? defaultChannel(actor);
      const st = await settings();
      await fullTx((tx) => changeStatusIn(actor, id, body, channel, tx, st));
      return load(id);
    },

    async addNote(actor: ActorContext, id: number, text: string): Promise<OrderEvent> {
      const trimmed = text.trim();
      if (!trimmed) throw invalid('/text', 'must not be blank');
      const eventId = await fullTx(async (tx) => {
        await requireOrder(id, tx, true);
        const eid = await event(
          actor,
          id,
          { type: 'note', channel: defaultChannel(actor), comment: trimmed },
          tx,
        );
        await auditService.record(
          actor,
          { action: 'order.note', entity: 'order', entityId: id, after: { text: trimmed } },
          tx,
        );
        return eid;
      });
      return eventWire((await repo.findEvent(eventId))!);
    },

    async addPayment(actor: ActorContext, id: number, body: PaymentBody): Promise<Order> {
      const s = await settings();
      if (!s.orders.paymentMethods.includes(body.method))
        throw invalid('/method', 'is not a payment method in settings');
      await fullTx(async (tx) => {
        const before = await requireOrder(id, tx, true);
        if (before.status === 'cancelled')
          throw new AppError(
            'ORDER_LOCKED',
            `Order ${before.reference} is cancelled: no payment can be recorded.`,
          );
        const due = before.total - before.paidAmount;
        if (body.amount > due)
          throw invalid('/amount', `exceeds the balance due (${due} minor units)`);
        const paidAmount = before.paidAmount + body.amount;
        const paidAt = body.paidAt ? new Date(body.paidAt) : new Date();
        await repo.insertPayment(
          {
            orderId: id,
            kind: 'payment',
            amount: body.amount,
            method: body.method,
            reference: body.reference?.trim() || null,
            paidAt,
            createdBy: actor.actorType === 'user' ? actor.actorId : null,
          },
          tx,
        );
        const paymentStatus = paymentStatusOf(before.total, paidAmount, before.refundedAmount);
        await repo.update(
          id,
          before.version,
          { paidAmount, paymentStatus, paymentMethod: before.paymentMethod ?? body.method },
          tx,
        );
        const changes: FieldChange[] = [
          { field: 'paidAmount', before: before.paidAmount, after: paidAmount },
        ];
        if (paymentStatus !== before.paymentStatus)
          changes.push({
            field: 'paymentStatus',
            before: before.paymentStatus,
            after: paymentStatus,
          });
        await event(
          actor,
          id,
          {
            type: 'payment',
            channel: defaultChannel(actor),
            changes,
            data: {
              amount: body.amount,
              method: body.method,
              reference: body.reference ?? null,
              paidAt: paidAt.toISOString(),
            },
          },
          tx,
        );
        await auditService.record(
          actor,
          {
            action: 'order.payment',
            entity: 'order',
            entityId: id,
            before: { paidAmount: before.paidAmount, paymentStatus: before.paymentStatus },
            after: { paidAmount, paymentStatus, amount: body.amount, method: body.method },
          },
          tx,
        );
      });
      return load(id);
    },

    async addRefund(actor: ActorContext, id: number, body: RefundBody): Promise<Order> {
      await fullTx(async (tx) => {
        const before = await requireOrder(id, tx, true);
        const refundable = before.paidAmount - before.refundedAmount;
        if (body.amount > refundable) {
          throw new AppError(
            'REFUND_EXCEEDS_PAID',
            `Only ${refundable} minor units can be refunded on ${before.reference} (paid ${before.paidAmount}, refunded ${before.refundedAmount}).`,
            {
              errors: [{ path: '/amount', message: `must be at most ${refundable}` }],
            },
          );
        }
        const restock = body.restock ?? [];
        if (restock.length > 0) {
          if (before.stockState !== 'deducted')
            throw invalid('/restock', 'is only possible when the order took its lines from stock');
          const lines = new Map((await repo.lines(id, tx)).map((l) => [l.id, l]));
          const moves: StockLine[] = [];
          for (const [i, r] of restock.entries()) {
            const line = lines.get(r.lineId);
            if (!line) throw invalid(`/restock/${i}/lineId`, 'is not a line of this order');
            if (!line.productId)
              throw invalid(`/restock/${i}/lineId`, 'is a free-text line without stock');
            if (line.restockedQuantity + r.quantity > line.quantity)
              throw invalid(
                `/restock/${i}/quantity`,
                `exceeds the ${line.quantity - line.restockedQuantity} unit(s) left to restock`,
              );
            line.restockedQuantity += r.quantity;
            await repo.updateLine(line.id, { restockedQuantity: line.restockedQuantity }, tx);
            moves.push({ productId: line.productId, delta: r.quantity });
          }
          await inventoryService.move(
            actor,
            moves,
            'return',
            { type: 'order', id },
            body.reason.trim(),
            tx,
          );
        }
        const refundedAmount = before.refundedAmount + body.amount;
        await repo.insertPayment(
          {
            orderId: id,
            kind: 'refund',
            amount: body.amount,
            method: body.method ?? before.paymentMethod,
            reason: body.reason.trim(),
            paidAt: new Date(),
            createdBy: actor.actorType === 'user' ? actor.actorId : null,
          },
          tx,
        );
        const paymentStatus = paymentStatusOf(before.total, before.paidAmount, refundedAmount);
        await repo.update(id, before.version, { refundedAmount, paymentStatus }, tx);
        const changes: FieldChange[] = [
          { field: 'refundedAmount', before: before.refundedAmount, after: refundedAmount },
        ];
        if (paymentStatus !== before.paymentStatus)
          changes.push({
            field: 'paymentStatus',
            before: before.paymentStatus,
            after: paymentStatus,
          });
        await event(
          actor,
          id,
          {
            type: 'refund',
            channel: defaultChannel(actor),
            changes,
            comment: body.reason,
            data: { amount: body.amount, restock },
          },
          tx,
        );
        await auditService.record(
          actor,
          {
            action: 'order.refund',
            entity: 'order',
            entityId: id,
            before: { refundedAmount: before.refundedAmount, paymentStatus: before.paymentStatus },
            after: {
              refundedAmount,
              paymentStatus,
              amount: body.amount,
              reason: body.reason,
              restock,
            },
          },
          tx,
        );
      });
      return load(id);
    },

    /** Each order in its own transaction, with the same rules as one by one; failures are reported, not fatal. */
    async bulk(actor: ActorContext, body: BulkBody, opts: ChangeOptions = {}): Promise<BulkResult> {
      const st = await settings();
      if ((body.ids === undefined) === (body.filter === undefined))
        throw invalid(
          body.ids === undefined ? '/ids' : '/filter',
          'give exactly one of ids or filter',
        );
      let ids = body.ids ?? [];
      if (body.filter) {
        ids = await repo.idsMatching(body.filter, BULK_LIMIT);
        if (ids.length > BULK_LIMIT)
          throw invalid('/filter', `matches more than ${BULK_LIMIT} orders; narrow it down`);
      }
      const references = await repo.referencesOf(ids);
      const results: BulkResult['results'] = [];
      const action = body.action;
      for (const id of ids) {
        try {
          if (!references.has(id))
            throw new AppError('ORDER_NOT_FOUND', `Order ${id} does not exist.`);
          if (action.type === 'status') {
            const { type: _t, ...rest } = action;
            await fullTx((tx) => changeStatusIn(actor, id, rest, 'bulk', tx, st));
          } else {
            const current = await requireOrder(id);
            const update: UpdateOrderBody = { version: current.version };
            if (action.type === 'assign') update.operatorId = action.operatorId;
            else if (action.type === 'addTag')
              update.tags = [...new Set([...current.tags, action.tag])];
            else update.tags = current.tags.filter((t) => t !== action.tag);
            await service.update(actor, id, update, { ...opts, channel: 'bulk' });
          }
          results.push({ id, reference: references.get(id)!, ok: true, code: null, detail: null });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({
            id,
            reference: references.get(id) ?? String(id),
            ok: false,
            code: error.code,
            detail: error.message,
          });
        }
      }
      const succeeded = results.filter((r) => r.ok).length;
      return { succeeded, failed: results.length - succeeded, results };
    },

    views: {
      async list(userId: number): Promise<{ items: SavedView[] }> {
        const rows = await repo.views.list(userId, 'orders');
        return {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            filters: r.filters,
            createdAt: r.createdAt.toISOString(),
          })),
        };
      },
      async create(userId: number, body: CreateSavedViewBody): Promise<SavedView> {
        const name = body.name.trim();
        if (!name) throw invalid('/name', 'must not be blank');
        try {
          const id = await repo.views.insert({
            userId,
            scope: 'orders',
            name,
            filters: body.filters,
          });
          const row = (await repo.views.find(id))!;
          return {
            id: row.id,
            name: row.name,
            filters: row.filters,
            createdAt: row.createdAt.toISOString(),
          };
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          if (cause?.code === 'ER_DUP_ENTRY')
            throw new AppError('CONFLICT', `You already have a view named ${name}.`, {
              errors: [{ path: '/name', message: 'is already used by one of your views' }],
            });
          throw error;
        }
      },
      async remove(userId: number, id: number) {
        if ((await repo.views.remove(id, userId)) === 0)
          throw new AppError('SAVED_VIEW_NOT_FOUND', `You have no saved view ${id}.`);
      },
    },
  };
  return service;
}
export type OrdersService = ReturnType<typeof createOrdersService>;
