import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  PUBLIC_MAX_LINES,
  QUICK_LINK_PATH,
  QUICK_ORDER_PRODUCTS_MAX,
  basisPointsToPercent,
  convertAmount,
  normaliseRate,
  percentToBasisPoints,
  applyRate,
  type Availability,
  type Client,
  type CreateQuickLinkBody,
  type CreatedQuickLink,
  type PublicOrderBody,
  type PublicOrderResult,
  type PublicQuickOrderPage,
  type QuickLink,
} from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ClientsService } from '../clients/clients-service.ts';
import type { NotificationsService } from '../notifications/notifications-service.ts';
import type { OrdersService } from '../orders/orders-service.ts';
import type { ProductsService } from '../products/products-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { QuickLinkRow, QuickLinksRepository } from './quick-links-repository.ts';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** One answer for unknown, revoked and expired links, and for archived clients: no detail. */
const notFound = () => new AppError('QUICK_LINK_NOT_FOUND', 'This link is not valid.');

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path} ${message}`, { errors: [{ path, message }] });

function stateOf(row: QuickLinkRow, now = Date.now()): QuickLink['state'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

function availabilityOf(p: {
  trackStock: boolean;
  onHand: number;
  reorderPoint: number;
}): Availability {
  if (!p.trackStock) return 'in_stock';
  if (p.onHand <= 0) return 'on_order';
  if (p.onHand <= Math.max(p.reorderPoint, 0)) return 'low_stock';
  return 'in_stock';
}

export type QuickLinksService = ReturnType<typeof createQuickLinksService>;

/** Quick-order links (decision 0014): staff make them; clients order through them without an account. */
export function createQuickLinksService(deps: {
  db: Database;
  repo: QuickLinksRepository;
  publicUrl: string;
  auditService: Pick<AuditService, 'record'>;
  clientsService: Pick<ClientsService, 'get'>;
  ordersService: Pick<OrdersService, 'create'>;
  productsService: Pick<ProductsService, 'forSale'>;
  settingsService: Pick<SettingsService, 'getAll'>;
  notifications: () => Pick<NotificationsService, 'enqueueQuickLink'>;
}) {
  const { repo } = deps;
  const urlOf = (token: string) => `${deps.publicUrl}${QUICK_LINK_PATH}${token}`;

  const wire = (row: QuickLinkRow, createdByName: string | null): QuickLink => ({
    id: row.id,
    clientId: row.clientId,
    label: row.label,
    tokenHint: row.tokenHint,
    state: stateOf(row),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    orderCount: row.orderCount,
    createdBy: createdByName,
    createdAt: row.createdAt.toISOString(),
  });

  async function wireById(id: number, tx?: Executor) {
    const row = await repo.withCreator(id, tx);
    return wire(row!.link, row!.createdByName);
  }

  async function activeClient(clientId: number) {
    const client = await deps.clientsService.get(clientId);
    if (client.archived)
      throw new AppError(
        'CLIENT_ARCHIVED',
        `Client ${client.code} is archived; unarchive it first.`,
      );
    return client;
  }

  async function requireLink(id: number, tx?: Executor, forUpdate = false) {
    const row = await repo.findById(id, tx, forUpdate);
    if (!row) throw new AppError('NOT_FOUND', `No quick-order link has the id ${id}.`);
    return row;
  }

  /** A new token, stored as its hash; queues the email in the same transaction when asked. */
  async function issue(
    actor: ActorContext,
    client: Client,
    values: { label: string | null; expiresAt: Date | null; send: boolean },
    tx: Executor,
  ) {
    const token = randomBytes(32).toString('base64url');
    const id = await repo.insert(
      {
        clientId: client.id,
        tokenHash: hashToken(token),
        tokenHint: token.slice(-4),
        label: values.label,
        expiresAt: values.expiresAt,
        createdBy: actor.actorType === 'user' ? actor.actorId : null,
      },
      tx,
    );
    const url = urlOf(token);
    const queuedEmails = values.send ? await sendIn(actor, client, url, values.expiresAt, tx) : 0;
    await deps.auditService.record(
      actor,
      {
        action: 'quick_link.create',
        entity: 'quick_link',
        entityId: id,
        after: {
          clientId: client.id,
          label: values.label,
          expiresAt: values.expiresAt?.toISOString() ?? null,
          tokenHint: token.slice(-4),
          emailed: queuedEmails > 0,
        },
      },
      tx,
    );
    return { id, url, queuedEmails };
  }

  async function sendIn(
    actor: ActorContext,
    client: Client,
    url: string,
    expiresAt: Date | null,
    tx: Executor,
  ) {
    if (!client.email) {
      throw new AppError('CONFLICT', `Client ${client.code} has no email address.`, {
        errors: [{ path: '/send', message: 'the client has no email address' }],
      });
    }
    return deps.notifications().enqueueQuickLink(
      actor,
      {
        client: {
          id: client.id,
          name: client.name,
          code: client.code,
          email: client.email,
          language: client.language,
        },
        url,
        expiresAt: expiresAt?.toISOString() ?? null,
        currency: client.currency,
      },
      tx,
    );
  }

  function futureExpiry(value: string | null | undefined) {
    if (!value) return null;
    const date = new Date(value);
    if (date.getTime() <= Date.now()) throw invalid('/expiresAt', 'must be in the future');
    return date;
  }

  /** The link behind a public token, or the one 404. Archived clients' links stop too. */
  async function resolve(token: string) {
    if (!TOKEN_SHAPE.test(token)) throw notFound();
    const row = await repo.findByHash(hashToken(token));
    if (!row || stateOf(row) !== 'active') throw notFound();
    // Constant-time check of what the index found (belt and braces against a truncated hash).
    if (!timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hashToken(token))))
      throw notFound();
    const client = await deps.clientsService.get(row.clientId).catch(() => null);
    if (!client || client.archived) throw notFound();
    return { link: row, client };
  }

  /** The client's currency when a rate is set for it; otherwise the base currency. */
  function pricingOf(
    client: Client,
    all: Awaited<ReturnType<SettingsService['getAll']>>,
  ): { currency: string; rate: string; base: string } {
    const base = all.general.value.baseCurrency;
    if (client.currency === base) return { currency: base, rate: '1', base };
    const rate = all.currencies.value.rates.find((r) => r.currency === client.currency);
    return rate
      ? { currency: client.currency, rate: rate.rate, base }
      : { currency: base, rate: '1', base };
  }

  return {
    hashToken,

    async list(clientId: number): Promise<{ items: QuickLink[] }> {
      await deps.clientsService.get(clientId);
      const rows = await repo.listByClient(clientId);
      return { items: rows.map((r) => wire(r.link, r.createdByName)) };
    },

    async create(
      actor: ActorContext,
      clientId: number,
      body: CreateQuickLinkBody,
    ): Promise<CreatedQuickLink> {
      const client = await activeClient(clientId);
      const expiresAt = futureExpiry(body.expiresAt);
      const made = await inTransaction(deps.db, (tx) =>
        issue(
          actor,
          client,
          { label: body.label?.trim() || null, expiresAt, send: body.send ?? false },
          tx,
        ),
      );
      return { link: await wireById(made.id), url: made.url, queuedEmails: made.queuedEmails };
    },

    async revoke(actor: ActorContext, id: number): Promise<QuickLink> {
      await inTransaction(deps.db, async (tx) => {
        const row = await requireLink(id, tx, true);
        if (row.revokedAt) return;
        await repo.revoke(id, actor.actorType === 'user' ? actor.actorId : null, null, tx);
        await deps.auditService.record(
          actor,
          {
            action: 'quick_link.revoke',
            entity: 'quick_link',
            entityId: id,
            before: { revokedAt: null },
            after: { revoked: true },
          },
          tx,
        );
      });
      return wireById(id);
    },

    /** A new token for the same client and label; the old link stops at once. */
    async regenerate(actor: ActorContext, id: number, send = false): Promise<CreatedQuickLink> {
      const current = await requireLink(id);
      const client = await activeClient(current.clientId);
      const made = await inTransaction(deps.db, async (tx) => {
        const row = await requireLink(id, tx, true);
        if (row.revokedAt)
          throw new AppError('QUICK_LINK_INACTIVE', 'This link is revoked; make a new one.');
        const expiresAt =
          row.expiresAt && row.expiresAt.getTime() > Date.now() ? row.expiresAt : null;
        const next = await issue(actor, client, { label: row.label, expiresAt, send }, tx);
        await repo.revoke(id, actor.actorType === 'user' ? actor.actorId : null, next.id, tx);
        await deps.auditService.record(
          actor,
          {
            action: 'quick_link.regenerate',
            entity: 'quick_link',
            entityId: id,
            before: { state: stateOf(row) },
            after: { revoked: true, replacedById: next.id },
          },
          tx,
        );
        return next;
      });
      return { link: await wireById(made.id), url: made.url, queuedEmails: made.queuedEmails };
    },

    /** "Send by email" after the URL was shown: the caller proves it holds the token. */
    async send(actor: ActorContext, id: number, token: string) {
      const row = await requireLink(id);
      const given = Buffer.from(hashToken(token));
      if (!timingSafeEqual(given, Buffer.from(row.tokenHash)))
        throw invalid('/token', 'is not the token of this link');
      if (stateOf(row) !== 'active')
        throw new AppError('QUICK_LINK_INACTIVE', `This link is ${stateOf(row)}; make a new one.`);
      const client = await activeClient(row.clientId);
      const queuedEmails = await inTransaction(deps.db, async (tx) => {
        const n = await sendIn(actor, client, urlOf(token), row.expiresAt, tx);
        await deps.auditService.record(
          actor,
          {
            action: 'quick_link.send',
            entity: 'quick_link',
            entityId: id,
            after: { to: client.email },
          },
          tx,
        );
        return n;
      });
      return { queuedEmails };
    },

    // ---- public ------------------------------------------------------------

    async page(token: string): Promise<PublicQuickOrderPage> {
      const { link, client } = await resolve(token);
      const all = await deps.settingsService.getAll();
      const { currency, rate, base } = pricingOf(client, all);
      const discountBp = percentToBasisPoints(client.discountRate);
      const rows = await deps.productsService.forSale(QUICK_ORDER_PRODUCTS_MAX);
      await repo.touch(link.id);
      const categories = [...new Set(rows.map((r) => r.category).filter((c): c is string => !!c))];
      return {
        business: { name: all.company.value.name, logoUrl: all.company.value.logoUrl },
        client: {
          displayName: client.contactPerson || client.name,
          language: client.language,
        },
        currency,
        baseCurrency: base,
        exchangeRate: rate,
        discountRate: client.discountRate,
        shippingVatRate: normaliseRate(all.catalogue.value.defaultVatRate),
        categories,
        products: rows.map((p) => {
          const listPrice = convertAmount(p.unitPrice, base, currency, rate);
          return {
            id: p.id,
            sku: p.sku,
            name: p.name,
            description: p.description,
            category: p.category,
            specs: p.specs.map((s) => ({ name: s.name, value: s.value, unit: s.unit })),
            salesUnit: p.salesUnit,
            imageUrl: p.imageUrl,
            listPrice,
            price: listPrice - applyRate(listPrice, discountBp),
            vatRate: normaliseRate(basisPointsToPercent(p.vatBp)),
            availability: availabilityOf(p),
          };
        }),
      };
    },

    /** The link's context for an order: resolved again at submit (revoked meanwhile → 404). */
    async resolveForOrder(token: string) {
      const { link, client } = await resolve(token);
      const { currency, rate } = pricingOf(client, await deps.settingsService.getAll());
      return { link, client, currency, rate };
    },

    async placeOrder(
      token: string,
      body: PublicOrderBody,
      ip: string | null,
      requestId: string | null,
    ) {
      const { link, client, currency, rate } = await this.resolveForOrder(token);
      if (body.lines.length > PUBLIC_MAX_LINES)
        throw invalid('/lines', `must have at most ${PUBLIC_MAX_LINES} lines`);
      const actor: ActorContext = {
        actorType: 'system',
        actorId: null,
        actorLabel: `Lien rapide — ${client.name}`,
        requestId,
        ip,
      };
      const order = await deps.ordersService.create(
        actor,
        {
          clientId: client.id,
          lines: body.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
          ...(body.requestedDeliveryDate
            ? { requestedDeliveryDate: body.requestedDeliveryDate }
            : {}),
          ...(body.comment?.trim() ? { comment: body.comment.trim() } : {}),
        },
        {
          channel: 'quick_link',
          quickLink: {
            id: link.id,
            currency,
            rate,
            onOrder: (tx) => repo.countOrder(link.id, tx),
          },
        },
      );
      const result: PublicOrderResult = {
        reference: order.reference,
        createdAt: order.createdAt,
        currency: order.currency,
        lines: order.lines.map((l) => ({
          productId: l.productId,
          name: l.name,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          total: l.total,
        })),
        totals: order.totals,
        total: order.totals.total,
      };
      return result;
    },
  };
}
