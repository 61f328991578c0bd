import { setTimeout as sleep } from 'node:timers/promises';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { expect } from 'vitest';
import { createDb, type DbHandle } from '../src/db/client.ts';
import {
  createNotificationsRepository,
  type NotificationRow,
} from '../src/modules/notifications/notifications-repository.ts';
import { createNotifier, type NotifierOptions } from '../src/modules/notifications/notifier.ts';
import type { Transport } from '../src/modules/notifications/transports.ts';
import { api } from './catalogue.ts';
import type { TestContext } from './harness.ts';

/** Helpers shared by the notifications tests. */

/** What the SendGrid stand-in answers to one request. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  | 'network-error';

export interface SendGridRequest {
  outboxId: number;
  body: {
    personalizations: { to: { email: string; name?: string }[] }[];
    from: { email: string; name?: string };
    subject: string;
    content: { type: string; value: string }[];
    custom_args?: Record<string, string>;
  };
  authorization: string | null;
  /** The status the stand-in answered (0 = network error). */
  status: number;
  at: number;
}

/**
 * msw standing in for `POST {baseUrl}/v3/mail/send`: the real `@sendgrid/mail`
 * client talks to it. Answers are scripted per outbox id (FIFO); a row with no
 * script left gets a 202 with an `x-message-id`. Every request is recorded.
 */
export function sendGridStandIn(baseUrl = 'https://api.sendgrid.com') {
  const requests: SendGridRequest[] = [];
  const scripts = new Map<number, Reply[]>();
  let defaultDelayMs = 0;
  const server = setupServer(
    http.post(`${baseUrl.replace(/\/$/, '')}/v3/mail/send`, async ({ request }) => {
      const body = (await request.json()) as SendGridRequest['body'];
      const outboxId = Number(body.custom_args?.['outbox_id']);
      const reply: Reply = scripts.get(outboxId)?.shift() ?? { status: 202 };
      requests.push({
        outboxId,
        body,
        authorization: request.headers.get('authorization'),
        status: reply === 'network-error' ? 0 : reply.status,
        at: Date.now(),
      });
      if (reply === 'network-error') return HttpResponse.error();
      const wait = reply.delayMs ?? defaultDelayMs;
      // Infinity: SendGrid accepted the connection and never answers.
      if (wait === Infinity) await delay('infinite');
      else if (wait > 0) await delay(wait);
      if (reply.status === 202) {
        return new HttpResponse(null, {
          status: 202,
          headers: { 'x-message-id': `sg-${outboxId}-${requests.length}`, ...reply.headers },
        });
      }
      return HttpResponse.json(
        reply.body ?? { errors: [{ message: `stand-in answered ${reply.status}`, field: null }] },
        { status: reply.status, headers: reply.headers },
      );
    }),
  );
  return {
    server,
    requests,
    listen: () => server.listen({ onUnhandledRequest: 'error' }),
    close: () => server.close(),
    /** The next answers for one outbox row, in order. */
    script(outboxId: number, ...replies: Reply[]) {
      scripts.set(outboxId, [...(scripts.get(outboxId) ?? []), ...replies]);
    },
    /** Slows every 202 a little, so concurrent workers really overlap. */
    setDelay(ms: number) {
      defaultDelayMs = ms;
    },
    of: (outboxId: number) => requests.filter((r) => r.outboxId === outboxId),
    /** Accepted (202) sends per outbox id. */
    acceptedCounts() {
      const counts = new Map<number, number>();
      for (const r of requests)
        if (r.status === 202) counts.set(r.outboxId, (counts.get(r.outboxId) ?? 0) + 1);
      return counts;
    },
  };
}
export type SendGridStandIn = ReturnType<typeof sendGridStandIn>;

/**
 * Another notifier on the test database, as a separate worker process would
 * be: its own pool (so it really runs beside the others), the app's rendering.
 */
export function extraWorker(
  ctx: TestContext,
  transport: Transport,
  options: NotifierOptions = {},
  handle?: DbHandle,
) {
  const own = handle ?? createDb(ctx.databaseUrl, 6);
  const repo = createNotificationsRepository(own.db);
  const service = ctx.app.services.notificationsService;
  const notifier = createNotifier(
    {
      repo,
      transport,
      render: (row) => service.renderRow(row),
      sender: () => service.sender(),
    },
    options,
  );
  return { notifier, repo, close: () => (handle ? Promise.resolve() : own.close()) };
}

export interface OutboxRow {
  id: number;
  event: string;
  order_id: number | null;
  client_id: number | null;
  recipient_type: string;
  to_email: string;
  to_name: string | null;
  language: string;
  status: string;
  transport: string;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  claimed_by: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  provider_message_id: string | null;
  provider_status: number | null;
  last_error: string | null;
  sent_at: Date | null;
}

export async function outboxRows(ctx: TestContext, where = '1 = 1', params: unknown[] = []) {
  const rows = await ctx.query<OutboxRow>(
    `SELECT * FROM notifications WHERE ${where} ORDER BY id`,
    params,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    order_id: r.order_id === null ? null : Number(r.order_id),
    client_id: r.client_id === null ? null : Number(r.client_id),
  }));
}

export const outboxRow = async (ctx: TestContext, id: number) =>
  (await outboxRows(ctx, 'id = ?', [id]))[0]!;

export const outboxOfOrder = (ctx: TestContext, orderId: number) =>
  outboxRows(ctx, 'order_id = ?', [orderId]);

export async function outboxCount(ctx: TestContext) {
  const [row] = await ctx.query<{ n: number }>('SELECT COUNT(*) AS n FROM notifications');
  return Number(row!.n);
}

/**
 * Runs `worker` round after round until every row of `ids` is sent or failed
 * (retries wait for their time), or `timeoutMs` passes.
 */
export async function runUntilSettled(
  ctx: TestContext,
  worker: { runOnce(): Promise<number> },
  ids: number[],
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await worker.runOnce();
    const rows = await outboxRows(ctx, 'id IN (?)', [ids]);
    if (rows.every((r) => r.status === 'sent' || r.status === 'failed')) return rows;
    if (Date.now() > deadline)
      throw new Error(
        `rows not settled after ${timeoutMs} ms: ${rows.map((r) => `${r.id}:${r.status}`).join(', ')}`,
      );
    await sleep(10);
  }
}

/** Copies of a queued row, due now, each to its own address: a queue to drain. */
export async function cloneQueued(ctx: TestContext, template: NotificationRow, count: number) {
  const repo = createNotificationsRepository(ctx.db.db);
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = template;
  void _id;
  void _c;
  void _u;
  const before = await ctx.query<{ m: number | null }>('SELECT MAX(id) AS m FROM notifications');
  await repo.insertMany(
    Array.from({ length: count }, (_, i) => ({
      ...rest,
      toEmail: `queue${i}@test.gestco.fr`,
      status: 'queued' as const,
      attempts: 0,
      nextAttemptAt: new Date(Date.now() - 1000),
      claimedBy: null,
      leaseUntil: null,
    })),
    ctx.db.db,
  );
  const rows = await outboxRows(ctx, 'id > ?', [Number(before[0]?.m ?? 0)]);
  expect(rows).toHaveLength(count);
  return rows.map((r) => r.id);
}

/** Saves the notifications settings section (admin), whatever its current version. */
export async function saveNotificationsSettings(
  ctx: TestContext,
  adminToken: string,
  value: Record<string, unknown>,
) {
  const current = (await api(ctx)('GET', '/settings', adminToken)).json();
  const res = await api(ctx)('PUT', '/settings/notifications', adminToken, {
    version: current.notifications.version,
    value: { ...current.notifications.value, ...value },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
