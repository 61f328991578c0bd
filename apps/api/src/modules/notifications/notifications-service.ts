import {
  NOTIFICATION_EVENTS,
  type Locale,
  type Notification,
  type NotificationDetail,
  type NotificationEvent,
  type NotificationTemplate,
  type NotificationsSettings,
  type NotificationsListQuery,
  type NotifierStatus,
  type Page,
  type PreviewTemplateBody,
  type RenderedEmail,
  type TemplateVariable,
  type UpdateTemplateBody,
} from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import type { Sealer } from '../../lib/seal.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import {
  DEFAULT_TEMPLATES,
  TEMPLATE_VARIABLES,
  TEMPLATE_VARIABLE_NAMES,
  type TemplateParts,
} from './default-templates.ts';
import type {
  NewNotificationRow,
  NotificationRow,
  NotificationsRepository,
} from './notifications-repository.ts';
import { escapeHtml, render, unknownVariables, type TemplateValues } from './template-render.ts';

/** What an order looked like when the change happened: the email tells that moment. */
export interface OrderSnapshot {
  orderId: number;
  reference: string;
  status: string;
  total: number;
  currency: string;
  createdAt: string;
  carrier: string | null;
  trackingCode: string | null;
  trackingUrl: string | null;
  paymentUrl?: string | null;
  comment?: string | null;
  message?: string | null;
  /** Manual emails: the subject typed by the operator (plain text). */
  subject?: string | null;
  lines: { quantity: number; name: string; total: number }[];
  client: { id: number; name: string; code: string; email: string | null; language: Locale };
  operatorId: number | null;
  /** Quick-link emails: the URL sealed (AES-GCM), never in clear in the outbox. */
  quickLink?: { sealedUrl: string; expiresAt: string | null };
}

const STATUS_LABELS: Record<Locale, Record<string, string>> = {
  fr: {
    pending: 'En attente',
    in_progress: 'En cours',
    shipped: 'Expédiée',
    completed: 'Terminée',
    cancelled: 'Annulée',
  },
  en: {
    pending: 'Pending',
    in_progress: 'In progress',
    shipped: 'Shipped',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },
};

const money = (amount: number, currency: string, language: Locale) =>
  new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency,
  }).format(amount / 100);

/** Template values from a snapshot, formatted in the recipient's language. */
export function valuesOf(
  s: OrderSnapshot,
  language: Locale,
  company: { name: string; email: string },
  extra: { quickLinkUrl?: string } = {},
): TemplateValues {
  const fmt = (n: number) => money(n, s.currency, language);
  const head =
    language === 'fr' ? ['Article', 'Qté', 'Total HT'] : ['Item', 'Qty', 'Total excl. VAT'];
  const rows = s.lines
    .map(
      (l) =>
        `<tr><td style="padding:4px 8px">${escapeHtml(l.name)}</td><td style="padding:4px 8px;text-align:right">${l.quantity}</td><td style="padding:4px 8px;text-align:right">${escapeHtml(fmt(l.total))}</td></tr>`,
    )
    .join('');
  return {
    'client.name': s.client.name,
    'client.code': s.client.code,
    'order.reference': s.reference,
    'order.status': STATUS_LABELS[language][s.status] ?? s.status,
    'order.total': fmt(s.total),
    'order.date': new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB').format(
      new Date(s.createdAt),
    ),
    'order.carrier': s.carrier ?? '',
    'order.trackingCode': s.trackingCode ?? '',
    'order.trackingUrl': s.trackingUrl ?? '',
    'order.paymentUrl': s.paymentUrl ?? '',
    'order.comment': s.comment ?? '',
    'order.lines': {
      html: `<table style="border-collapse:collapse;width:100%"><thead><tr>${head.map((h) => `<th style="text-align:left;padding:4px 8px;border-bottom:1px solid #e4e4e7">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
      text: s.lines.map((l) => `${l.quantity} × ${l.name} — ${fmt(l.total)}`).join('\n'),
    },
    message: s.message ?? '',
    'quickLink.url': extra.quickLinkUrl ?? '',
    'quickLink.expiresAt': s.quickLink?.expiresAt
      ? new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB').format(
          new Date(s.quickLink.expiresAt),
        )
      : '',
    'company.name': company.name,
    'company.email': company.email,
  };
}

export const SAMPLE_SNAPSHOT: OrderSnapshot = {
  orderId: 0,
  reference: 'CMD-2026-000123',
  status: 'shipped',
  total: 123456,
  currency: 'EUR',
  createdAt: '2026-11-22T09:30:00.000Z',
  carrier: 'La Poste',
  trackingCode: '6A12345678901',
  trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
  paymentUrl: 'https://pay.example.com/CMD-2026-000123',
  comment: null,
  message: 'Votre commande sera livrée mardi matin.',
  lines: [
    { quantity: 2, name: 'Farine T65 25 kg', total: 5980 },
    { quantity: 1, name: 'Pétrin 20 L', total: 97000 },
  ],
  client: {
    id: 0,
    name: 'Boulangerie Martin',
    code: 'K7M2QX',
    email: 'contact@example.com',
    language: 'fr',
  },
  operatorId: null,
};

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path} ${message}`, { errors: [{ path, message }] });

export function createNotificationsService(deps: {
  repo: NotificationsRepository;
  settingsService: Pick<SettingsService, 'getAll'>;
  auditService: Pick<AuditService, 'record'>;
  transportName: 'sendgrid' | 'local';
  sendgridConfigured: boolean;
  mailFrom: string | undefined;
  /** Staff addresses for the recipients setting. */
  staffEmails: (
    who: 'admins' | 'operator',
    operatorId: number | null,
    tx: Executor,
  ) => Promise<{ email: string; name: string }[]>;
  /** A real order's snapshot, for previews. */
  orderSnapshot: (orderId: number) => Promise<OrderSnapshot>;
  /** Seals secrets that wait in the outbox (quick-link URLs). */
  sealer: Sealer;
}) {
  const { repo } = deps;

  async function templateParts(
    event: NotificationEvent,
    language: Locale,
  ): Promise<TemplateParts & { row?: Awaited<ReturnType<typeof repo.templates.find>> }> {
    const row = await repo.templates.find(event, language);
    return row
      ? { subject: row.subject, html: row.html, text: row.text, row }
      : DEFAULT_TEMPLATES[event][language];
  }

  async function sender() {
    const { company } = await deps.settingsService.getAll();
    return {
      email: deps.mailFrom ?? company.value.emailSenderAddress,
      name: company.value.emailSenderName,
    };
  }

  function renderParts(parts: TemplateParts, values: TemplateValues): RenderedEmail {
    return {
      subject: render(parts.subject, values, 'text'),
      html: render(parts.html, values, 'html'),
      text: render(parts.text, values, 'text'),
    };
  }

  function checkVariables(parts: TemplateParts) {
    for (const field of ['subject', 'html', 'text'] as const) {
      const unknown = unknownVariables(parts[field], TEMPLATE_VARIABLE_NAMES);
      if (unknown.length > 0)
        throw invalid(
          `/${field}`,
          `uses unknown variable(s): ${unknown.map((u) => `{{${u}}}`).join(', ')}`,
        );
    }
  }

  const wire = (row: NotificationRow, reference: string | null): Notification => ({
    id: row.id,
    event: row.event,
    orderId: row.orderId,
    orderReference: reference,
    clientId: row.clientId,
    recipientType: row.recipientType,
    toEmail: row.toEmail,
    toName: row.toName,
    language: row.language,
    status: row.status,
    transport: row.transport,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
    subject: row.subject,
    providerMessageId: row.providerMessageId,
    providerStatus: row.providerStatus,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });

  async function templateWire(
    event: NotificationEvent,
    language: Locale,
  ): Promise<NotificationTemplate> {
    const parts = await templateParts(event, language);
    return {
      event,
      language,
      subject: parts.subject,
      html: parts.html,
      text: parts.text,
      isDefault: !parts.row,
      version: parts.row?.version ?? 1,
      updatedAt: parts.row?.updatedAt.toISOString() ?? null,
    };
  }

  return {
    sender,

    /**
     * Queues the emails of an order event inside the caller's transaction (the
     * outbox): they commit or roll back with the change itself. `notify`
     * undefined → the per-event default from settings.
     */
    async enqueueForOrder(
      actor: ActorContext,
      event: NotificationEvent,
      snapshot: OrderSnapshot,
      notify: boolean | undefined,
      tx: Executor,
      /** Read by the caller before its transaction: nothing here may wait for a pool connection. */
      s: NotificationsSettings,
    ): Promise<number> {
      const byDefault = (s.notifyByDefault as Record<string, boolean>)[event];
      const wanted = notify ?? byDefault ?? false;
      if (!wanted) return 0;
      const base = {
        event,
        orderId: snapshot.orderId,
        clientId: snapshot.client.id,
        payload: snapshot as unknown as Record<string, unknown>,
        status: 'queued' as const,
        transport: deps.transportName,
        nextAttemptAt: new Date(),
        createdBy: actor.actorType === 'user' ? actor.actorId : null,
      };
      const rows: NewNotificationRow[] = [];
      // A manual message always goes to the client; status emails follow the settings.
      if (
        (s.sendToClient || event === 'manual' || event === 'payment_link') &&
        snapshot.client.email
      ) {
        rows.push({
          ...base,
          recipientType: 'client',
          toEmail: snapshot.client.email,
          toName: snapshot.client.name,
          language: snapshot.client.language,
        });
      }
      if (s.staffRecipients !== 'none' && event !== 'manual' && event !== 'payment_link') {
        const staff = new Map<string, string>();
        if (s.staffRecipients === 'admins' || s.staffRecipients === 'admins_and_operator')
          for (const u of await deps.staffEmails('admins', null, tx)) staff.set(u.email, u.name);
        if (s.staffRecipients === 'operator' || s.staffRecipients === 'admins_and_operator')
          for (const u of await deps.staffEmails('operator', snapshot.operatorId, tx))
            staff.set(u.email, u.name);
        for (const [email, name] of staff)
          rows.push({
            ...base,
            recipientType: 'staff',
            toEmail: email,
            toName: name,
            language: 'fr',
          });
      }
      await repo.insertMany(rows, tx);
      return rows.length;
    },

    /** A new order's reference is allocated after its emails are queued: fill it in. */
    setOrderReference: (orderId: number, reference: string, tx: Executor) =>
      repo.setOrderReference(orderId, reference, tx),

    /**
     * A quick-order link, emailed through the outbox in the caller's transaction.
     * The URL is sealed in the payload and blanked out of the stored copy.
     */
    async enqueueQuickLink(
      actor: ActorContext,
      link: {
        client: OrderSnapshot['client'];
        url: string;
        expiresAt: string | null;
        currency: string;
      },
      tx: Executor,
    ): Promise<number> {
      if (!link.client.email) return 0;
      const payload: OrderSnapshot = {
        orderId: 0,
        reference: '',
        status: '',
        total: 0,
        currency: link.currency,
        createdAt: new Date().toISOString(),
        carrier: null,
        trackingCode: null,
        trackingUrl: null,
        lines: [],
        client: link.client,
        operatorId: null,
        quickLink: { sealedUrl: deps.sealer.seal(link.url), expiresAt: link.expiresAt },
      };
      await repo.insertMany(
        [
          {
            event: 'quick_link',
            orderId: null,
            clientId: link.client.id,
            payload: payload as unknown as Record<string, unknown>,
            status: 'queued',
            transport: deps.transportName,
            nextAttemptAt: new Date(),
            createdBy: actor.actorType === 'user' ? actor.actorId : null,
            recipientType: 'client',
            toEmail: link.client.email,
            toName: link.client.name,
            language: link.client.language,
          },
        ],
        tx,
      );
      return 1;
    },

    /** Subject, HTML and text of a queued row (used by the notifier). */
    async renderRow(row: NotificationRow): Promise<RenderedEmail & { stored?: RenderedEmail }> {
      const { company } = await deps.settingsService.getAll();
      const parts = await templateParts(row.event, row.language);
      const snapshot = row.payload as unknown as OrderSnapshot;
      const quickLinkUrl = snapshot.quickLink
        ? deps.sealer.open(snapshot.quickLink.sealedUrl)
        : undefined;
      const values = valuesOf(
        snapshot,
        row.language,
        { name: company.value.name, email: company.value.emailSenderAddress },
        { quickLinkUrl },
      );
      const rendered = renderParts(parts, values);
      const subject = (row.payload as { subject?: string | null }).subject;
      const email = subject ? { ...rendered, subject } : rendered;
      if (!quickLinkUrl) return email;
      // The outbox keeps what was sent, minus the token: the database never holds it in clear.
      const token = quickLinkUrl.slice(quickLinkUrl.lastIndexOf('/') + 1);
      const hide = (text: string) => text.split(token).join(`…${token.slice(-4)}`);
      return {
        ...email,
        stored: { subject: hide(email.subject), html: hide(email.html), text: hide(email.text) },
      };
    },

    async list(query: NotificationsListQuery): Promise<Page<Notification>> {
      const page = await repo.list(query);
      return { ...page, items: page.items.map((r) => wire(r.n, r.reference)) };
    },

    async get(id: number): Promise<NotificationDetail> {
      const row = await repo.findById(id);
      if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', `Notification ${id} does not exist.`);
      const reference = (row.payload as { reference?: string }).reference ?? null;
      return { notification: wire(row, reference), html: row.html, text: row.text };
    },

    async forOrder(orderId: number) {
      return (await repo.forOrder(orderId)).map((r) =>
        wire(r, (r.payload as { reference?: string }).reference ?? null),
      );
    },

    async retry(actor: ActorContext, id: number) {
      const row = await repo.findById(id);
      if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', `Notification ${id} does not exist.`);
      if ((await repo.retry(id)) === 0)
        throw new AppError(
          'CONFLICT',
          `Notification ${id} is ${row.status}; only failed emails can be retried.`,
        );
      await deps.auditService.record(actor, {
        action: 'notification.retry',
        entity: 'notification',
        entityId: id,
      });
      return this.get(id);
    },

    async status(): Promise<NotifierStatus> {
      const counts = await repo.counts();
      const from = await sender();
      return {
        transport: deps.transportName,
        sendgridConfigured: deps.sendgridConfigured,
        sender: `${from.name} <${from.email}>`,
        queued: counts['queued'] ?? 0,
        failed: counts['failed'] ?? 0,
      };
    },

    templates: {
      variables(language: Locale): TemplateVariable[] {
        return TEMPLATE_VARIABLES.map((v) => ({
          name: v.name,
          description: v[language],
          example: v.example,
        }));
      },
      async list(): Promise<NotificationTemplate[]> {
        const out: NotificationTemplate[] = [];
        for (const event of NOTIFICATION_EVENTS)
          for (const language of ['fr', 'en'] as const)
            out.push(await templateWire(event, language));
        return out;
      },
      get: templateWire,
      async save(
        actor: ActorContext,
        event: NotificationEvent,
        language: Locale,
        body: UpdateTemplateBody,
      ) {
        const parts = { subject: body.subject, html: body.html, text: body.text };
        checkVariables(parts);
        const row = await repo.templates.find(event, language);
        if ((row?.version ?? 1) !== body.version) throw versionConflict('template');
        const updatedBy = actor.actorType === 'user' ? actor.actorId : null;
        try {
          if (row) {
            if ((await repo.templates.update(row.id, body.version, { ...parts, updatedBy })) === 0)
              throw versionConflict('template');
          } else {
            // Saving the default (version 1) creates the row at version 2.
            await repo.templates.insert({ event, language, ...parts, updatedBy, version: 2 });
          }
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          if (cause?.code === 'ER_DUP_ENTRY') throw versionConflict('template');
          throw error;
        }
        await deps.auditService.record(actor, {
          action: 'template.update',
          entity: 'notification_template',
          entityId: `${event}/${language}`,
          before: row ? { subject: row.subject } : { default: true },
          after: { subject: body.subject },
        });
        return templateWire(event, language);
      },
      async reset(actor: ActorContext, event: NotificationEvent, language: Locale) {
        const row = await repo.templates.find(event, language);
        if (row) {
          await repo.templates.remove(row.id);
          await deps.auditService.record(actor, {
            action: 'template.reset',
            entity: 'notification_template',
            entityId: `${event}/${language}`,
            before: { subject: row.subject },
          });
        }
        return templateWire(event, language);
      },
      async preview(body: PreviewTemplateBody): Promise<RenderedEmail> {
        const parts = { subject: body.subject, html: body.html, text: body.text };
        checkVariables(parts);
        const snapshot = body.orderId ? await deps.orderSnapshot(body.orderId) : SAMPLE_SNAPSHOT;
        const { company } = await deps.settingsService.getAll();
        return renderParts(
          parts,
          valuesOf(
            snapshot,
            body.language,
            { name: company.value.name, email: company.value.emailSenderAddress },
            { quickLinkUrl: 'https://gestco.example.com/q/Xk3…' },
          ),
        );
      },
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
