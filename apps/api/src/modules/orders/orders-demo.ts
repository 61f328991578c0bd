import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  computeTotals,
  normaliseRate,
  type ChangeChannel,
  type FieldChange,
  type OrderAddress,
  type OrderOrigin,
  type OrderStatus,
  type OrderTotals,
  type SettingsValues,
} from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { products } from '../../db/schema/catalogue.ts';
import { clients } from '../../db/schema/clients.ts';
import {
  orderEvents,
  orderLines,
  orderPayments,
  orderSequences,
  orderTags,
  orders,
} from '../../db/schema/orders.ts';
import { users } from '../../db/schema/users.ts';
import { basisPointsToPercent } from '../../lib/percent.ts';
import { systemActor, type ActorContext } from '../../lib/request-context.ts';
import { normaliseText } from '../../lib/search-text.ts';
import type { Services } from '../../services.ts';
import { createRandom } from '../clients/clients-demo.ts';
import type { NewOrderEventRow, NewOrderLineRow, NewOrderRow } from './orders-repository.ts';
import { nationalOf, orderSearchText } from './order-search-text.ts';
import { formatReference, paymentStatusOf } from './orders-service.ts';

/**
 * The demo order book: ~3,000 orders over the last 18 months for the demo
 * clients and catalogue, taken by the demo staff, each with the timeline the
 * service would have written (created, status changes from the desk or the
 * scan view, edits with field diffs, notes, payments, refunds).
 *
 * Unlike the clients and the catalogue, the orders are not replayed through the
 * service one by one (18 months of history would take minutes and stamp every
 * row with today's date): they are planned in memory from a fixed seed, priced
 * with the contract's computeTotals (the service's formula), and written with
 * multi-row INSERTs in one transaction. References follow the settings' format,
 * numbered per year in creation order, and order_sequences is left at each
 * year's last number so new orders continue the series.
 *
 * Stock (the choice, and why): the demo's stock ledger opens with the
 * catalogue's deliveries, dated the day the demo is seeded, so it cannot carry
 * 18 months of sales (the products would go far below zero). Hence:
 *   - orders past `in_progress` (shipped, completed) are recorded as
 *     `stock_state = deducted` WITHOUT ledger rows: their goods left before the
 *     ledger opened, as for a business starting Gestco with an inventory count;
 *   - orders cancelled after `in_progress` are `restored` (net zero, no rows);
 *   - the open `in_progress` orders hold their stock for real: their lines are
 *     deducted through inventoryService.move (`order_deduct` rows, on hand kept
 *     in step), and their baskets only use products whose stock stays above the
 *     reorder point, so the catalogue keeps the stock levels it was seeded with.
 * Cancelling such an order restores exactly what it took; editing a historical
 * order moves only the difference, as for any order.
 */
export const DEMO_ORDER_COUNT = 3000;
const SEED = 20_260_501;
const HISTORY_DAYS = 548; // ≈ 18 months
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Random = ReturnType<typeof createRandom>;
type Settings = Pick<SettingsValues, 'general' | 'catalogue' | 'orders'>;

export interface DemoClientRow {
  id: number;
  code: string;
  kind: 'company' | 'individual';
  name: string;
  contactPerson: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  discountBp: number;
  tags: string[];
}

export interface DemoProductRow {
  id: number;
  sku: string;
  name: string;
  category: string | null;
  unitPrice: number;
  vatBp: number;
  salesUnit: string;
  trackStock: boolean;
  onHand: number;
  reorderPoint: number;
}

export interface DemoStaff {
  id: number;
  name: string;
  email: string;
  role: 'admin' | 'manager' | 'operator';
}

export interface DemoInput {
  clients: DemoClientRow[];
  products: DemoProductRow[];
  staff: DemoStaff[];
  settings: Settings;
  now: Date;
  count?: number;
}

interface PlannedLine {
  productId: number | null;
  sku: string | null;
  name: string;
  quantity: number;
  unitPrice: number;
  discountBp: number;
  vatRate: string;
  total: number;
}

interface PlannedEvent {
  at: Date;
  type: NewOrderEventRow['type'];
  channel: ChangeChannel;
  actor: ActorContext;
  fromStatus?: OrderStatus;
  toStatus?: OrderStatus;
  changes?: FieldChange[];
  comment?: string | null;
  data?: Record<string, unknown>;
  /** Status, edit, payment and refund events update the order row (version + 1); creation and notes do not. */
  touches: boolean;
}

interface PlannedPayment {
  kind: 'payment' | 'refund';
  amount: number;
  method: string | null;
  reference: string | null;
  reason: string | null;
  at: Date;
  by: number | null;
}

export interface PlannedOrder {
  reference: string;
  scope: string;
  seq: number;
  row: Omit<NewOrderRow, 'id'>;
  lines: PlannedLine[];
  events: PlannedEvent[];
  payments: PlannedPayment[];
  /** Units to take from stock now (open in_progress orders only). */
  deduct: { productId: number; delta: number }[];
  deductActor: ActorContext | null;
}

// ---------------------------------------------------------------------------
// Words

const SHIPPING_STREETS = [
  'rue de l’Industrie',
  'chemin des Carrières',
  'avenue des Bâtisseurs',
  'rue du Chantier',
  'impasse des Artisans',
  'allée des Charpentiers',
  'route de la Zone Artisanale',
  'rue des Entrepreneurs',
];
const INTERNAL_NOTES = [
  'Client pressé : prévenir dès l’expédition.',
  'Livraison par la cour arrière, sonner à l’atelier.',
  'Facturer au nom de la société, pas du gérant.',
  'Vérifier la teinte avec le client avant préparation.',
  'Remise accordée par Claire au téléphone.',
  'Le client passera récupérer une partie en magasin.',
  'Colis fragile : double carton.',
];
const EDIT_REASONS = [
  'Le client a rappelé pour modifier sa commande.',
  'Demande du client par e-mail.',
  'Erreur de saisie corrigée.',
  null,
  null,
];
const NOTES_PLAIN = [
  'Client rappelé : livraison confirmée pour jeudi matin.',
  'Le client demande une facture détaillée par ligne.',
  'Message laissé sur le répondeur pour confirmer le créneau.',
  'Le client passera en magasin régler le solde.',
  'Préparation en cours, manque une référence en réserve.',
  'Devis transformé en commande après relance.',
];
const NOTES_PROBLEM = [
  'Colis arrivé abîmé : photos demandées au client.',
  'Le client signale un article manquant dans le colis.',
  'Adresse de livraison incomplète, transporteur bloqué.',
  'Paiement refusé, le client doit rappeler avec une autre carte.',
];
const CANCEL_REASONS = [
  'Le client a annulé par téléphone.',
  'Doublon d’une commande déjà saisie.',
  'Le client a trouvé le produit ailleurs.',
  'Délai trop long pour le client.',
  null,
];
const PARTIAL_REFUND_REASONS = [
  'Article défectueux, remboursé sans retour.',
  'Article manquant dans le colis.',
  'Geste commercial après un retard de livraison.',
];
const FULL_REFUND_REASONS = ['Retour de la commande complète.', 'Commande non conforme, reprise.'];
const SHIPPED_COMMENTS = ['Colis déposé au bureau de poste.', 'Enlèvement par le transporteur.'];
const FREE_TEXT_LINES: readonly [string, number, string][] = [
  ['Découpe sur mesure', 1500, '20'],
  ['Livraison sur chantier (forfait)', 3500, '20'],
  ['Reprise de l’ancien matériel', 2000, '20'],
  ['Montage et réglage en atelier', 4500, '20'],
];
const TAG_PRIORITY = 'Priorité haute';
const TAG_PROBLEM = 'Problème';
const TAG_LOYAL = 'Fidèle';
const TAG_CALL_BACK = 'À rappeler';
const TAG_GIFT = 'Emballage cadeau';

// ---------------------------------------------------------------------------
// Helpers

const after = (date: Date, ms: number) => new Date(date.getTime() + Math.round(ms));
const between = (random: Random, min: number, max: number) => min + random.next() * (max - min);

/** Weighted delay: [probability weight, min ms, max ms] ranges. */
function delay(random: Random, ranges: readonly (readonly [number, number, number])[]) {
  const [min, max] = random.weighted(ranges.map((r) => [[r[1], r[2]] as const, r[0]] as const));
  return between(random, min, max);
}

function yearIn(timeZone: string, date: Date) {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date));
}

function isoDate(date: Date) {
  return date.toISOString().slice(0, 10);
}

/** Europe/Paris offset, close enough for opening hours: +2 h from April to October. */
const parisOffsetHours = (month: number) => (month >= 3 && month <= 9 ? 2 : 1);

/** Staff act in opening hours (8 h–19 h Paris, Monday to Saturday): later times move to the next opening. */
function openingHours(random: Random, date: Date): Date {
  const offset = parisOffsetHours(date.getUTCMonth());
  const local = new Date(date.getTime() + offset * HOUR);
  const hour = local.getUTCHours();
  if (hour >= 8 && hour < 19 && local.getUTCDay() !== 0) return date;
  let day =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) +
    (hour >= 19 ? DAY : 0);
  if (new Date(day).getUTCDay() === 0) day += DAY;
  return new Date(day + (8 - offset) * HOUR + random.int(0, 150) * MINUTE + random.int(0, 59_999));
}

const userActor = (s: DemoStaff): ActorContext => ({
  actorType: 'user',
  actorId: s.id,
  actorLabel: s.email,
  requestId: null,
  ip: null,
});

/** Same text as searchTextOf in orders-service.ts (checked by orders-demo.test.ts). */

function billingOf(client: DemoClientRow): OrderAddress {
  return {
    name: client.contactPerson ?? client.name,
    company: client.kind === 'company' ? client.name : null,
    email: client.email,
    phone: client.phone ? nationalOf(client.phone) : null,
    line1: client.addressLine1,
    line2: client.addressLine2,
    postalCode: client.postalCode,
    city: client.city,
    country: client.country,
  };
}

/** Order creation times: a growing business, busy weekdays, quiet August, opening hours. */
function creationTimes(random: Random, now: Date, count: number): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days: { start: number; weight: number }[] = [];
  for (let d = HISTORY_DAYS - 1; d >= 0; d -= 1) {
    const start = today - d * DAY;
    const date = new Date(start);
    const growth = 0.55 + 0.9 * (1 - d / HISTORY_DAYS);
    const weekday = [0.12, 1, 1, 1, 1.05, 0.95, 0.45][date.getUTCDay()]!;
    const month = date.getUTCMonth();
    const season = month === 7 ? 0.55 : month === 11 ? 1.2 : month === 2 || month === 3 ? 1.1 : 1;
    days.push({ start, weight: growth * weekday * season });
  }
  const hours = [
    [8, 5],
    [9, 10],
    [10, 12],
    [11, 10],
    [12, 4],
    [13, 5],
    [14, 10],
    [15, 10],
    [16, 9],
    [17, 7],
    [18, 3],
    [20, 1],
  ] as const;
  const dayWeights = days.map((d) => [d, d.weight] as const);
  const times: Date[] = [];
  const latest = now.getTime() - 10 * MINUTE;
  while (times.length < count) {
    const day = random.weighted(dayWeights);
    const hour = random.weighted(hours);
    const offset = parisOffsetHours(new Date(day.start).getUTCMonth());
    let t = day.start + (hour - offset) * HOUR + random.int(0, 3599) * 1000 + random.int(0, 999);
    while (t > latest) t -= DAY;
    times.push(new Date(t));
  }
  return times.sort((a, b) => a.getTime() - b.getTime());
}

// ---------------------------------------------------------------------------
// Planning (pure: the same input always gives the same orders)

export function planDemoOrders(input: DemoInput): PlannedOrder[] {
  const random = createRandom(SEED);
  const { settings, now } = input;
  const count = input.count ?? DEMO_ORDER_COUNT;
  const nowMs = now.getTime();
  const timeZone = settings.general.timeZone;
  const format = settings.general.orderReferenceFormat;
  const currency = settings.general.baseCurrency;
  const shippingVatRate = normaliseRate(settings.catalogue.defaultVatRate);
  const methods = settings.orders.paymentMethods;
  const methodLike = (word: string, fallback: number) =>
    methods.find((m) => normaliseText(m).includes(word)) ?? methods[fallback % methods.length]!;
  const CARD = methodLike('carte', 0);
  const TRANSFER = methodLike('virement', 1);
  const CASH = methodLike('especes', 2);
  const CHEQUE = methodLike('cheque', 3);
  const shippingMethods = settings.orders.shippingMethods;
  const pickup = shippingMethods.find((m) => !m.carrier) ?? null;
  const carried = shippingMethods.filter((m) => m.carrier);
  const cheapest = [...carried].sort((a, b) => a.fee - b.fee)[0] ?? null;
  const express = [...carried].sort((a, b) => b.fee - a.fee)[0] ?? null;

  // Staff: operators take most orders, the manager some, admins a few.
  const staff = input.staff;
  const staffWeights = staff.map(
    (s) => [s, s.role === 'operator' ? 4 : s.role === 'manager' ? 2 : 1] as const,
  );
  const someone = () => random.weighted(staffWeights);
  const manager = staff.find((s) => s.role === 'manager') ?? staff[0]!;
  const bot = (label: string) => systemActor(label);

  // Clients: a loyal few order a lot (Zipf-like), loyal-tagged ones more.
  const clientWeights = input.clients.map((c, i) => {
    const loyal = c.tags.some((t) => normaliseText(t) === 'fidele');
    return [c, (1 / (i + 1) ** 0.35 + random.next() * 0.6) * (loyal ? 2.5 : 1)] as const;
  });
  const favourite = new Map(
    input.clients.map((c) => [
      c.id,
      random.pick([...new Set(input.products.map((p) => p.category ?? ''))]),
    ]),
  );
  const loyalClients = new Set(
    [...clientWeights]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Math.max(3, Math.round(input.clients.length * 0.1)))
      .map(([c]) => c.id),
  );

  // Products: popularity by a fixed shuffle; what stock can still give to open orders.
  const productWeights = input.products.map(
    (p) => [p, 1 / (random.int(1, input.products.length) ** 0.6 + 0.5)] as const,
  );
  const spare = new Map(
    input.products.map((p) => [p.id, p.trackStock ? p.onHand - p.reorderPoint - 1 : Infinity]),
  );

  const quantityFor = (p: DemoProductRow, company: boolean) => {
    if (p.salesUnit === 'forfait') return 1;
    if (p.salesUnit === 'm') return random.pick([5, 10, 10, 25, 50, 100]);
    if (p.unitPrice >= 5000)
      return random.weighted([
        [1, 85],
        [2, 12],
        [3, 3],
      ] as const);
    if (p.unitPrice >= 1000) return random.int(1, company ? 6 : 3);
    return company && random.chance(0.3) ? random.pick([10, 12, 20, 25, 50]) : random.int(1, 6);
  };

  /** A basket of distinct products; `holdsStock`: only products whose stock can give the units. */
  const basket = (client: DemoClientRow, createdAt: Date, holdsStock: boolean): PlannedLine[] => {
    const size = random.weighted([
      [1, 30],
      [2, 28],
      [3, 20],
      [4, 12],
      [5, 6],
      [6, 4],
    ] as const);
    const company = client.kind === 'company';
    const ageShare = (nowMs - createdAt.getTime()) / (HISTORY_DAYS * DAY);
    const lines: PlannedLine[] = [];
    const used = new Set<number>();
    for (let guard = 0; lines.length < size && guard < 200; guard += 1) {
      const fav = favourite.get(client.id);
      const pool =
        random.chance(0.45) && fav
          ? productWeights.filter(([p]) => (p.category ?? '') === fav)
          : productWeights;
      const product = random.weighted(pool.length > 0 ? pool : productWeights);
      if (used.has(product.id)) continue;
      const quantity = quantityFor(product, company);
      if (holdsStock) {
        const left = spare.get(product.id)!;
        if (left < quantity) continue;
        spare.set(product.id, left - quantity);
      }
      used.add(product.id);
      // Prices rose ~4 % over the 18 months: older orders keep the price of their day.
      const unitPrice =
        product.salesUnit === 'forfait'
          ? product.unitPrice
          : Math.round(product.unitPrice * (1 - 0.04 * ageShare));
      const discountBp =
        company && quantity >= 10 && random.chance(0.4) ? random.pick([500, 1000, 1500]) : 0;
      lines.push({
        productId: product.id,
        sku: product.sku,
        name: product.name,
        quantity,
        unitPrice,
        discountBp,
        vatRate: normaliseRate(basisPointsToPercent(product.vatBp)),
        total: 0,
      });
    }
    if (lines.length === 0 || random.chance(0.03)) {
      const [name, unitPrice, vatRate] = random.pick(FREE_TEXT_LINES);
      lines.push({
        productId: null,
        sku: null,
        name,
        quantity: 1,
        unitPrice,
        discountBp: 0,
        vatRate: normaliseRate(vatRate),
        total: 0,
      });
    }
    return lines;
  };

  const totalsOf = (
    lines: PlannedLine[],
    clientDiscountBp: number,
    shippingFee: number,
  ): OrderTotals => {
    const computed = computeTotals({
      lines: lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountRate: basisPointsToPercent(l.discountBp),
        vatRate: l.vatRate,
      })),
      clientDiscountRate: basisPointsToPercent(clientDiscountBp),
      coupon: null,
      shippingFee,
      shippingVatRate,
    });
    lines.forEach((l, i) => (l.total = computed.lineTotals[i]!));
    return computed.totals;
  };
  const label = (l: PlannedLine) => l.sku ?? l.name;

  const sequences = new Map<string, number>();
  const planned: PlannedOrder[] = [];
  for (const createdAt of creationTimes(random, now, count)) {
    const client = random.weighted(clientWeights);
    const company = client.kind === 'company';
    const origin: OrderOrigin = random.weighted([
      ['phone', 44],
      ['store', company ? 12 : 24],
      ['manual', 12],
      ['quick_link', company ? 8 : 12],
      ['api', company ? 4 : 12],
      ['import', company ? 6 : 1],
    ] as const);
    const byStaff = origin === 'phone' || origin === 'store' || origin === 'manual';
    const taker = byStaff || origin === 'import' ? someone() : null;
    const creator: ActorContext = taker
      ? userActor(taker)
      : bot(origin === 'api' ? 'Boutique en ligne (API)' : 'Lien de commande rapide');
    const createdChannel: ChangeChannel =
      origin === 'api' ? 'api' : origin === 'quick_link' ? 'quick_link' : 'web';
    const store = origin === 'store';
    const ok = (d: Date | null): d is Date => d !== null && d.getTime() <= nowMs;

    // -- Life cycle, simulated up to now.
    const steps: { status: OrderStatus; at: Date }[] = [];
    let inProgressAt: Date | null = null;
    let shippedAt: Date | null = null;
    let completedAt: Date | null = null;
    let cancelledAt: Date | null = null;
    const work = (d: Date) => (store ? d : openingHours(random, d));
    if (!store && random.chance(0.035)) {
      const at = work(after(createdAt, between(random, HOUR, 3 * DAY)));
      if (ok(at)) cancelledAt = at;
    } else {
      // Waiting for a confirmation, a payment or a delivery keeps some orders pending for days.
      const start = work(
        after(
          createdAt,
          store
            ? between(random, 2 * MINUTE, 15 * MINUTE)
            : delay(random, [
                [35, HOUR, 8 * HOUR],
                [35, 8 * HOUR, 2 * DAY],
                [20, 2 * DAY, 6 * DAY],
                [10, 6 * DAY, 15 * DAY],
              ]),
        ),
      );
      if (ok(start)) {
        inProgressAt = start;
        if (!store && random.chance(0.02)) {
          const at = work(after(start, between(random, 2 * HOUR, 2 * DAY)));
          if (ok(at)) cancelledAt = at;
        } else {
          const ship = work(
            after(
              start,
              store
                ? between(random, 5 * MINUTE, 30 * MINUTE)
                : delay(random, [
                    [40, 12 * HOUR, 2 * DAY],
                    [40, 2 * DAY, 5 * DAY],
                    [20, 5 * DAY, 12 * DAY],
                  ]),
            ),
          );
          if (ok(ship)) {
            shippedAt = ship;
            const done = work(
              after(
                ship,
                store ? between(random, MINUTE, 10 * MINUTE) : between(random, DAY, 6 * DAY),
              ),
            );
            if (ok(done) && random.chance(0.99)) completedAt = done;
          }
        }
      }
    }
    if (inProgressAt) steps.push({ status: 'in_progress', at: inProgressAt });
    if (shippedAt) steps.push({ status: 'shipped', at: shippedAt });
    if (completedAt) steps.push({ status: 'completed', at: completedAt });
    if (cancelledAt) steps.push({ status: 'cancelled', at: cancelledAt });
    const status: OrderStatus = steps.at(-1)?.status ?? 'pending';
    const skipStock = inProgressAt !== null && random.chance(0.02);
    const holdsStock = status === 'in_progress' && !skipStock;
    const stockState: NewOrderRow['stockState'] = !inProgressAt
      ? 'none'
      : skipStock
        ? 'skipped'
        : cancelledAt
          ? 'restored'
          : 'deducted';

    // -- What was ordered.
    const shipping =
      store || (pickup && random.chance(0.12))
        ? pickup
        : random.chance(company ? 0.2 : 0.15)
          ? express
          : cheapest;
    const lines = basket(client, createdAt, holdsStock);
    const subtotalNow = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    // Free shipping from 150 € excl. VAT.
    const shippingFee = shipping && subtotalNow < 15_000 ? shipping.fee : 0;
    const totals = totalsOf(lines, client.discountBp, shippingFee);

    const scope = format.includes('{year}') ? String(yearIn(timeZone, createdAt)) : 'all';
    const seq = (sequences.get(scope) ?? 0) + 1;
    sequences.set(scope, seq);
    const reference = formatReference(format, Number(scope) || 0, seq);

    const billingAddress = billingOf(client);
    const sameAsBilling = !(company && shipping?.carrier && random.chance(0.1));
    const shippingAddress: OrderAddress = sameAsBilling
      ? billingAddress
      : {
          ...billingAddress,
          name: `Chantier – ${billingAddress.name}`,
          line1: `${random.int(1, 120)} ${random.pick(SHIPPING_STREETS)}`,
          line2: null,
        };
    const trackingCode =
      shippedAt && shipping?.carrier
        ? shipping === express
          ? `XY${random.digits(9)}FR`
          : `6A${random.digits(11)}`
        : null;
    let requestedDeliveryDate =
      shipping?.carrier && random.chance(0.15)
        ? isoDate(after(createdAt, random.int(3, 12) * DAY))
        : null;

    const events: PlannedEvent[] = [];
    const payments: PlannedPayment[] = [];
    const tags = new Set<string>();
    if (random.chance(shipping === express ? 0.25 : 0.04)) tags.add(TAG_PRIORITY);
    if (loyalClients.has(client.id) && random.chance(0.5)) tags.add(TAG_LOYAL);
    if (!company && [10, 11].includes(createdAt.getUTCMonth()) && random.chance(0.08))
      tags.add(TAG_GIFT);
    if (status === 'pending' && random.chance(0.3)) tags.add(TAG_CALL_BACK);
    if (status === 'in_progress' && random.chance(0.1)) tags.add(TAG_CALL_BACK);

    // Who handles the order after it is taken: the taker, else someone assigned later.
    let operator = taker;
    const assignedLater = !taker && random.chance(0.6) ? someone() : null;
    const handler = () => operator ?? assignedLater ?? someone();

    // -- Payment plan.
    const method = store
      ? random.weighted([
          [CARD, 55],
          [CASH, 40],
          [CHEQUE, 5],
        ] as const)
      : origin === 'api' || origin === 'quick_link'
        ? CARD
        : company
          ? random.weighted([
              [TRANSFER, 45],
              [CARD, 25],
              [CHEQUE, 25],
              [CASH, 5],
            ] as const)
          : random.weighted([
              [CARD, 60],
              [CHEQUE, 20],
              [CASH, 12],
              [TRANSFER, 8],
            ] as const);
    const methodKnownAtOnce = method === CARD || random.chance(0.6);
    const total = totals.total;
    const due: { amount: number; at: Date }[] = [];
    const paidOnTime = (): Date | null => {
      if (store) return inProgressAt;
      if (method === CARD)
        return origin === 'api' || origin === 'quick_link' || random.chance(0.7)
          ? after(createdAt, between(random, 0, 20 * MINUTE))
          : shippedAt;
      if (method === TRANSFER)
        return after(shippedAt ?? inProgressAt ?? createdAt, between(random, 2 * DAY, 35 * DAY));
      if (method === CHEQUE) return shippedAt && after(shippedAt, between(random, DAY, 10 * DAY));
      return shippedAt && after(shippedAt, between(random, 0, DAY));
    };
    if (!random.chance(0.012)) {
      const when = paidOnTime();
      if (company && total > 40_000 && random.chance(0.15)) {
        const deposit = Math.round(total * 0.3);
        due.push({ amount: deposit, at: after(createdAt, between(random, HOUR, DAY)) });
        if (when) due.push({ amount: total - deposit, at: when });
      } else if (when) due.push({ amount: total, at: when });
    }
    let paid = 0;
    for (const d of due) {
      if (!ok(d.at) || (cancelledAt && d.at >= cancelledAt)) continue;
      payments.push({
        kind: 'payment',
        amount: d.amount,
        method,
        reference:
          method === TRANSFER
            ? `VIR ${random.digits(8)}`
            : method === CARD
              ? `CB-${random.digits(6)}`
              : method === CHEQUE
                ? `Chèque n° ${random.digits(7)}`
                : null,
        reason: null,
        at: d.at,
        by: store || taker ? handler().id : null,
      });
      paid += d.amount;
    }
    let refunded = 0;
    if (paid > 0) {
      const refund = (amount: number, at: Date, reason: string) => {
        if (!ok(at)) return;
        payments.push({
          kind: 'refund',
          amount,
          method,
          reference: null,
          reason,
          at,
          by: manager.id,
        });
        refunded += amount;
      };
      if (cancelledAt) {
        refund(
          paid,
          after(cancelledAt, between(random, HOUR, 3 * DAY)),
          'Commande annulée : remboursement intégral.',
        );
      } else if (completedAt && paid >= total) {
        const roll = random.next();
        const at = after(completedAt, between(random, 2 * DAY, 25 * DAY));
        if (roll < 0.006) refund(paid, at, random.pick(FULL_REFUND_REASONS));
        else if (roll < 0.03) {
          const share = Math.round(total * between(random, 0.08, 0.35));
          refund(Math.max(100, Math.min(share, paid - 1)), at, random.pick(PARTIAL_REFUND_REASONS));
        }
        if (refunded > 0) tags.add(TAG_PROBLEM);
      }
    }

    // -- Edits, notes: between creation and the end of the editable life.
    const editableUntil = new Date(
      Math.min(nowMs, (shippedAt ?? cancelledAt ?? now).getTime()),
    ).getTime();
    const during = (from: Date) => {
      const at = new Date(
        from.getTime() + random.next() * Math.max(MINUTE, editableUntil - from.getTime()),
      );
      const open = openingHours(random, at);
      return open.getTime() <= editableUntil ? open : at;
    };
    let internalNote: string | null = random.chance(0.06) ? random.pick(INTERNAL_NOTES) : null;
    const edits: PlannedEvent[] = [];
    if (assignedLater) {
      edits.push({
        at: inProgressAt ?? during(createdAt),
        type: 'edit',
        channel: 'web',
        actor: userActor(assignedLater),
        changes: [{ field: 'operatorId', before: null, after: assignedLater.id }],
        touches: true,
      });
      operator = assignedLater;
    }
    if (random.chance(0.08) && status !== 'cancelled') {
      let at = during(createdAt);
      const kind = random.weighted([
        ['quantity', 35],
        ['add', 20],
        ['remove', 10],
        ['delivery', 15],
        ['operator', 10],
        ['note', 10],
      ] as const);
      const changes: FieldChange[] = [];
      let before: PlannedLine[] | null = null;
      if (kind === 'quantity' && lines[0]?.productId) {
        const line = random.pick(lines.filter((l) => l.productId));
        const old = Math.max(1, line.quantity + random.pick([-2, -1, 1, 2, 3]));
        if (old !== line.quantity) {
          before = lines.map((l) => (l === line ? { ...l, quantity: old } : { ...l }));
          changes.push({
            field: `lines[${label(line)}].quantity`,
            before: old,
            after: line.quantity,
          });
        }
      } else if (kind === 'add' && lines.length >= 2) {
        const added = lines.at(-1)!;
        before = lines.slice(0, -1).map((l) => ({ ...l }));
        changes.push({
          field: `lines[${label(added)}]`,
          before: null,
          after: `${added.quantity} × ${added.name}`,
        });
      } else if (kind === 'remove' && !holdsStock) {
        const [product] = productWeights.find(([p]) => !lines.some((l) => l.productId === p.id))!;
        const removed: PlannedLine = {
          productId: product.id,
          sku: product.sku,
          name: product.name,
          quantity: 1,
          unitPrice: product.unitPrice,
          discountBp: 0,
          vatRate: normaliseRate(basisPointsToPercent(product.vatBp)),
          total: 0,
        };
        before = [...lines.map((l) => ({ ...l })), removed];
        changes.push({
          field: `lines[${label(removed)}]`,
          before: `1 × ${removed.name}`,
          after: null,
        });
      } else if (kind === 'delivery' && shipping?.carrier) {
        const later = isoDate(after(at, random.int(4, 10) * DAY));
        changes.push({
          field: 'requestedDeliveryDate',
          before: requestedDeliveryDate,
          after: later,
        });
        requestedDeliveryDate = later;
      } else if (kind === 'operator' && operator && staff.length > 1) {
        const previous = random.pick(staff.filter((s) => s.id !== operator!.id));
        changes.push({ field: 'operatorId', before: previous.id, after: operator.id });
      } else if (kind === 'note' && !internalNote) {
        internalNote = random.pick(INTERNAL_NOTES);
        changes.push({ field: 'internalNote', before: null, after: internalNote });
      }
      if (before) {
        // `before` holds copies: the final lines keep their own totals.
        const beforeTotal = totalsOf(before, client.discountBp, shippingFee).total;
        if (beforeTotal !== total) {
          changes.push({ field: 'total', before: beforeTotal, after: total });
          // Payments are of the final total: a change of total comes before the first one.
          const firstPayment = payments[0]?.at;
          if (firstPayment && at >= firstPayment)
            at = new Date(
              createdAt.getTime() + (firstPayment.getTime() - createdAt.getTime()) * random.next(),
            );
        }
      }
      if (changes.length > 0)
        edits.push({
          at,
          type: 'edit',
          channel: 'web',
          actor: userActor(handler()),
          changes,
          comment: random.pick(EDIT_REASONS),
          touches: true,
        });
    }
    if (random.chance(0.1)) {
      const problem = random.chance(0.3);
      const at = during(createdAt);
      events.push({
        at,
        type: 'note',
        channel: 'web',
        actor: userActor(handler()),
        comment: random.pick(problem ? NOTES_PROBLEM : NOTES_PLAIN),
        touches: false,
      });
      if (problem) tags.add(TAG_PROBLEM);
    }

    // -- The timeline.
    const createdTags = [...tags].filter((t) => t !== TAG_PROBLEM || !refunded);
    events.push({
      at: createdAt,
      type: 'created',
      channel: createdChannel,
      actor: creator,
      toStatus: 'pending',
      data: {
        origin,
        total: totals.total,
        lines: lines.length,
        stock: 'none',
        newClient: false,
        notify: null,
      },
      touches: false,
    });
    events.push(...edits);
    let from: OrderStatus = 'pending';
    for (const step of steps) {
      const scan = step.status === 'shipped' || step.status === 'completed';
      const channel: ChangeChannel =
        scan && random.chance(0.35)
          ? 'scan'
          : step.status === 'completed' && random.chance(0.06)
            ? 'bulk'
            : 'web';
      // As changeStatusIn: a skipped deduction is never given back on cancel.
      const takes = step.status === 'in_progress';
      const gives = step.status === 'cancelled' && from === 'in_progress' && !skipStock;
      const stock = takes && skipStock ? 'skipped' : takes || gives ? 'applied' : 'none';
      const changes: FieldChange[] =
        step.status === 'shipped' && trackingCode
          ? [{ field: 'trackingCode', before: null, after: trackingCode }]
          : [];
      events.push({
        at: step.at,
        type: 'status',
        channel,
        actor: userActor(handler()),
        fromStatus: from,
        toStatus: step.status,
        changes,
        comment:
          step.status === 'cancelled'
            ? random.pick(CANCEL_REASONS)
            : step.status === 'shipped' && trackingCode && random.chance(0.2)
              ? random.pick(SHIPPED_COMMENTS)
              : null,
        data: {
          stock,
          stockReason:
            stock === 'skipped' ? 'Marchandise livrée directement par le fournisseur.' : null,
          notify: step.status === 'shipped' ? random.chance(0.7) : false,
        },
        touches: true,
      });
      from = step.status;
    }
    let paidSoFar = 0;
    let refundedSoFar = 0;
    for (const p of payments) {
      const beforeStatus = paymentStatusOf(total, paidSoFar, refundedSoFar);
      const changes: FieldChange[] = [];
      if (p.kind === 'payment') {
        changes.push({ field: 'paidAmount', before: paidSoFar, after: paidSoFar + p.amount });
        paidSoFar += p.amount;
      } else {
        changes.push({
          field: 'refundedAmount',
          before: refundedSoFar,
          after: refundedSoFar + p.amount,
        });
        refundedSoFar += p.amount;
      }
      const afterStatus = paymentStatusOf(total, paidSoFar, refundedSoFar);
      if (afterStatus !== beforeStatus)
        changes.push({ field: 'paymentStatus', before: beforeStatus, after: afterStatus });
      events.push({
        at: p.at,
        type: p.kind,
        channel: 'web',
        actor: p.by
          ? userActor(staff.find((s) => s.id === p.by)!)
          : bot('Paiement en ligne (carte)'),
        changes,
        comment: p.reason,
        data:
          p.kind === 'payment'
            ? {
                amount: p.amount,
                method: p.method,
                reference: p.reference,
                paidAt: p.at.toISOString(),
              }
            : { amount: p.amount, restock: [] },
        touches: true,
      });
      if (p.kind === 'refund' && tags.has(TAG_PROBLEM) && !createdTags.includes(TAG_PROBLEM)) {
        events.push({
          at: after(p.at, MINUTE),
          type: 'edit',
          channel: 'web',
          actor: userActor(manager),
          changes: [{ field: 'tags', before: createdTags, after: [...tags] }],
          comment: null,
          touches: true,
        });
      }
    }
    // Time order; `created` first on a tie.
    events.sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() ||
        Number(b.type === 'created') - Number(a.type === 'created'),
    );
    const updatedAt = events.filter((e) => e.touches).at(-1)?.at ?? createdAt;
    // The creation leaves version 1; every later change to the row adds one.
    const version = 1 + events.filter((e) => e.touches).length;

    const row: Omit<NewOrderRow, 'id'> = {
      reference,
      clientId: client.id,
      operatorId: operator?.id ?? null,
      origin,
      status,
      paymentStatus: paymentStatusOf(total, paid, refunded),
      paymentMethod: methodKnownAtOnce || paid > 0 ? method : null,
      shippingMethod: shipping?.name ?? null,
      carrier: shipping?.carrier ?? null,
      trackingCode,
      billingAddress,
      shippingSameAsBilling: sameAsBilling,
      shippingAddress,
      couponId: null,
      couponCode: null,
      couponKind: null,
      couponValue: null,
      clientDiscountBp: client.discountBp,
      shippingFee,
      shippingVatRate,
      totals,
      total,
      baseTotal: total,
      currency,
      paidAmount: paid,
      refundedAmount: refunded,
      stockState,
      internalNote,
      tags: [...tags],
      lineCount: lines.length,
      requestedDeliveryDate,
      searchText: orderSearchText({ reference, billingAddress, trackingCode }, client),
      shippedAt,
      completedAt,
      cancelledAt,
      createdBy: taker?.id ?? null,
      createdAt,
      updatedAt,
      version,
    };
    const deduct = holdsStock
      ? lines
          .filter((l) => l.productId !== null)
          .map((l) => ({ productId: l.productId!, delta: -l.quantity }))
      : [];
    planned.push({
      reference,
      scope,
      seq,
      row,
      lines: lines,
      events,
      payments,
      deduct,
      deductActor: holdsStock ? userActor(handler()) : null,
    });
  }
  return planned;
}

// ---------------------------------------------------------------------------
// Writing

export interface DemoOrdersResult {
  orders: number;
  lines: number;
  events: number;
  payments: number;
  stockMovements: number;
}

const NONE: DemoOrdersResult = { orders: 0, lines: 0, events: 0, payments: 0, stockMovements: 0 };

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** What the planner needs, read from the installation (clients, catalogue, staff). */
export async function loadDemoInput(
  db: Executor,
  services: Pick<Services, 'settingsService'>,
  now = new Date(),
): Promise<DemoInput> {
  const [clientRows, productRows, staffRows, general, catalogue, orderSettings] = await Promise.all(
    [
      db
        .select({
          id: clients.id,
          code: clients.code,
          kind: clients.kind,
          name: clients.name,
          contactPerson: clients.contactPerson,
          email: clients.email,
          phone: clients.phone,
          addressLine1: clients.addressLine1,
          addressLine2: clients.addressLine2,
          postalCode: clients.postalCode,
          city: clients.city,
          country: clients.country,
          discountBp: clients.discountBp,
          tags: clients.tags,
        })
        .from(clients)
        // Prospects have never ordered: a first order would have made them current.
        .where(and(eq(clients.status, 'current'), isNull(clients.archivedAt)))
        .orderBy(asc(clients.id)),
      db
        .select({
          id: products.id,
          sku: products.sku,
          name: products.name,
          category: products.category,
          unitPrice: products.unitPrice,
          vatBp: products.vatBp,
          salesUnit: products.salesUnit,
          trackStock: products.trackStock,
          onHand: products.onHand,
          reorderPoint: products.reorderPoint,
        })
        .from(products)
        .where(and(eq(products.active, true), isNull(products.archivedAt)))
        .orderBy(asc(products.id)),
      db
        .select({ id: users.id, name: users.name, email: users.email, role: users.role })
        .from(users)
        .where(and(eq(users.active, true), inArray(users.role, ['admin', 'manager', 'operator'])))
        .orderBy(asc(users.id)),
      services.settingsService.get('general'),
      services.settingsService.get('catalogue'),
      services.settingsService.get('orders'),
    ],
  );
  // The demo team takes the orders; the first admin only when there is no one else.
  const team = staffRows.filter((s) => s.role !== 'admin');
  return {
    clients: clientRows,
    products: productRows,
    staff: (team.length > 0 ? team : staffRows) as DemoStaff[],
    settings: { general, catalogue, orders: orderSettings },
    now,
  };
}

/**
 * Fills an installation that has no order yet with the demo order book, in one
 * transaction (a savepoint when `db` is already a transaction). Returns what it
 * wrote; all zeros when orders exist already, or when there is no current
 * client, no product or no staff member to take orders.
 */
export async function seedDemoOrders(
  db: Executor,
  services: Pick<Services, 'settingsService' | 'inventoryService' | 'auditService'>,
  options: { now?: Date; count?: number; actor?: ActorContext } = {},
): Promise<DemoOrdersResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: orders.id }).from(orders).limit(1);
    if (existing) return NONE;
    const input = await loadDemoInput(tx, services, options.now);
    if (input.clients.length === 0 || input.products.length === 0 || input.staff.length === 0)
      return NONE;
    const plan = planDemoOrders({ ...input, count: options.count });

    await insertChunks(plan, 500, (chunk) => tx.insert(orders).values(chunk.map((o) => o.row)));
    const ids = new Map(
      (
        await tx
          .select({ id: orders.id, reference: orders.reference })
          .from(orders)
          .where(
            inArray(
              orders.reference,
              plan.map((o) => o.reference),
            ),
          )
      ).map((r) => [r.reference, r.id]),
    );
    const idOf = (o: PlannedOrder) => ids.get(o.reference)!;

    const lineRows: NewOrderLineRow[] = plan.flatMap((o) =>
      o.lines.map((l, position) => ({ ...l, orderId: idOf(o), position, restockedQuantity: 0 })),
    );
    await insertChunks(lineRows, 1000, (chunk) => tx.insert(orderLines).values(chunk));

    const tagRows = plan.flatMap((o) =>
      (o.row.tags ?? []).map((tag) => ({
        orderId: idOf(o),
        tag,
        orderCreatedAt: o.row.createdAt!,
      })),
    );
    await insertChunks(tagRows, 2000, (chunk) => tx.insert(orderTags).values(chunk));

    // Events in time order across orders, so ids follow the clock as they would.
    const eventRows: NewOrderEventRow[] = plan
      .flatMap((o) =>
        o.events.map((e) => ({
          orderId: idOf(o),
          type: e.type,
          channel: e.channel,
          actorType: e.actor.actorType,
          actorId: e.actor.actorId,
          actorLabel: e.actor.actorLabel,
          fromStatus: e.fromStatus ?? null,
          toStatus: e.toStatus ?? null,
          changes: e.changes ?? [],
          comment: e.comment ?? null,
          data: e.data ?? {},
          createdAt: e.at,
        })),
      )
      .sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
    await insertChunks(eventRows, 1000, (chunk) => tx.insert(orderEvents).values(chunk));

    const paymentRows = plan
      .flatMap((o) =>
        o.payments.map((p) => ({
          orderId: idOf(o),
          kind: p.kind,
          amount: p.amount,
          method: p.method,
          reference: p.reference,
          reason: p.reason,
          paidAt: p.at,
          createdBy: p.by,
          createdAt: p.at,
        })),
      )
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    await insertChunks(paymentRows, 1000, (chunk) => tx.insert(orderPayments).values(chunk));

    // New orders continue each year's series.
    const last = new Map<string, number>();
    for (const o of plan) last.set(o.scope, Math.max(last.get(o.scope) ?? 0, o.seq));
    for (const [scope, value] of last)
      await tx
        .insert(orderSequences)
        .values({ scope, value })
        .onDuplicateKeyUpdate({ set: { value: sql`greatest(${orderSequences.value}, ${value})` } });

    await tx.execute(
      sql`update ${clients} c join (select client_id, count(*) as n from ${orders} group by client_id) o
            on o.client_id = c.id
          set c.order_count = o.n`,
    );

    // The open in_progress orders hold their stock for real (see the comment at the top).
    let stockMovements = 0;
    for (const o of plan) {
      if (o.deduct.length === 0) continue;
      const moved = await services.inventoryService.move(
        o.deductActor!,
        o.deduct,
        'order_deduct',
        { type: 'order', id: idOf(o) },
        o.reference,
        tx,
      );
      stockMovements += moved;
    }

    const result: DemoOrdersResult = {
      orders: plan.length,
      lines: lineRows.length,
      events: eventRows.length,
      payments: paymentRows.length,
      stockMovements,
    };
    await services.auditService.record(
      options.actor ?? systemActor('demo'),
      {
        action: 'order.demo_seed',
        entity: 'order',
        entityId: null,
        after: { ...result },
      },
      tx,
    );
    return result;
  });
}
