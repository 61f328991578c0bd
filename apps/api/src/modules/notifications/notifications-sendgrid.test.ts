import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { api as apiOf, type Json } from '../../../test/catalogue.ts';
import { createClient, createOrder, events } from '../../../test/orders.ts';
import {
  cloneQueued,
  extraWorker,
  outboxOfOrder,
  outboxRow,
  runUntilSettled,
  sendGridStandIn,
} from '../../../test/notifications.ts';
import { backoffDelay, type NotifierOptions } from './notifier.ts';
import { sendgridTransport, type SendOutcome, type Transport } from './transports.ts';

/**
 * The notifier with the real `@sendgrid/mail` client against msw standing in
 * for the SendGrid API (issue 6, "Tests that must exist"). The app is built
 * with SENDGRID_API_KEY and SENDGRID_BASE_URL, so its own notifier and the
 * extra workers built here all talk to the stand-in.
 */

const BASE = 'https://sendgrid.stand-in.test';
const KEY = 'SG.test-key-0123456789abcdef';
const FROM = 'commandes@gestco.test';
const sg = sendGridStandIn(BASE);

let ctx: TestContext;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let client: Json & { email: string; name: string };

beforeAll(async () => {
  sg.listen();
  ctx = await createTestContext({
    SENDGRID_API_KEY: KEY,
    SENDGRID_BASE_URL: BASE,
    MAIL_FROM: FROM,
  });
  api = apiOf(ctx);
  operator = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
  client = (await createClient(ctx, operator.token, {
    name: 'Boulangerie du Parc',
  })) as typeof client;
});
afterAll(async () => {
  sg.close();
  await ctx?.close();
});
afterEach(() => sg.setDelay(0));

const LINE = { description: 'Prestation de test', quantity: 2, unitPrice: 1500, vatRate: '20' };

/** An order with its order_created email queued for the client; returns the outbox id. */
async function queueOne(c: Json = client) {
  const o = await createOrder(ctx, operator.token, { clientId: c.id, lines: [LINE], notify: true });
  const rows = await outboxOfOrder(ctx, o.id);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: 'queued', transport: 'sendgrid' });
  return rows[0]!.id;
}

/** A notifier on the test database with tiny backoff delays, talking to the stand-in. */
const worker = (
  options: NotifierOptions = {},
  transport: Transport = sendgridTransport(KEY, BASE),
) => extraWorker(ctx, transport, { baseDelayMs: 5, maxDelayMs: 40, ...options }, ctx.db).notifier;

const statuses = (id: number) => sg.of(id).map((r) => r.status);

describe('the SendGrid transport (real @sendgrid/mail, msw stand-in)', () => {
  it('GET /notifications/status says SendGrid is configured, with MAIL_FROM as sender', async () => {
    const res = await api('GET', '/notifications/status', viewer.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      transport: 'sendgrid',
      sendgridConfigured: true,
      sender: `Mon entreprise <${FROM}>`,
    });
  });

  it('a 202 sends once: the request carries the email and the outbox id; the row keeps status and message id', async () => {
    const id = await queueOne();
    // The app's own notifier (built from the config), as `pnpm start` runs it.
    expect(await ctx.app.services.notifier.drain()).toBeGreaterThanOrEqual(1);
    const row = await outboxRow(ctx, id);
    const [request, ...more] = sg.of(id);
    expect(more).toEqual([]);
    expect(request!.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.body).toMatchObject({
      personalizations: [{ to: [{ email: client.email, name: 'Boulangerie du Parc' }] }],
      from: { email: FROM, name: 'Mon entreprise' },
      subject: row.subject,
      custom_args: { outbox_id: String(id) },
    });
    expect(row.subject).toMatch(/^Nous avons bien reçu votre commande — CMD-\d{4}-\d{6}$/);
    expect(request!.body.content).toEqual(
      expect.arrayContaining([
        { type: 'text/plain', value: row.text },
        { type: 'text/html', value: row.html },
      ]),
    );
    expect(row.html).toContain('Bonjour Boulangerie du Parc,');
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      provider_status: 202,
      provider_message_id: `sg-${id}-${sg.requests.indexOf(request!) + 1}`,
      last_error: null,
      lease_until: null,
    });
    expect(row.sent_at).toBeInstanceOf(Date);
    // Nothing goes out twice.
    await ctx.app.services.notifier.drain();
    expect(sg.of(id)).toHaveLength(1);
    const detail = (await api('GET', `/notifications/${id}`, viewer.token)).json();
    expect(detail.notification).toMatchObject({
      status: 'sent',
      transport: 'sendgrid',
      providerStatus: 202,
      providerMessageId: row.provider_message_id,
    });
  });

  it('429 then 202: waits until X-RateLimit-Reset, then sends once', async () => {
    const id = await queueOne();
    // Epoch seconds, 2-3 s ahead (room for a slow machine before the first answer).
    const reset = Math.ceil(Date.now() / 1000) + 2;
    sg.script(id, {
      status: 429,
      headers: { 'X-RateLimit-Reset': String(reset) },
      body: { errors: [{ message: 'Too many requests', field: null }] },
    });
    // A backoff of a minute: only the header can bring the row back within the test.
    const w = worker({ baseDelayMs: 60_000, maxDelayMs: 60_000 });
    await w.runOnce();
    const waiting = await outboxRow(ctx, id);
    expect(waiting).toMatchObject({
      status: 'queued',
      attempts: 1,
      provider_status: 429,
      last_error: '429: Too many requests',
      claimed_by: null,
    });
    expect(waiting.next_attempt_at.getTime()).toBe(reset * 1000);
    // Not due before the reset.
    await w.runOnce();
    expect(statuses(id)).toEqual([429]);
    const [row] = await runUntilSettled(ctx, w, [id], 5000);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 2,
      provider_status: 202,
      last_error: null,
    });
    expect(statuses(id)).toEqual([429, 202]);
    expect(sg.of(id)[1]!.at).toBeGreaterThanOrEqual(reset * 1000);
  });

  it('429 without X-RateLimit-Reset backs off (with jitter) and sends once', async () => {
    const id = await queueOne();
    sg.script(id, { status: 429 });
    const w = worker({ baseDelayMs: 200, maxDelayMs: 200 });
    const before = Date.now();
    await w.runOnce();
    const waiting = await outboxRow(ctx, id);
    expect(waiting.status).toBe('queued');
    const wait = waiting.next_attempt_at.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(100);
    expect(wait).toBeLessThanOrEqual(200 + (Date.now() - before));
    const [row] = await runUntilSettled(ctx, w, [id]);
    expect(row!.status).toBe('sent');
    expect(statuses(id)).toEqual([429, 202]);
  });

  it('500 ×3 then 202: retried with backoff, sent once', async () => {
    const id = await queueOne();
    const error = { status: 500, body: { errors: [{ message: 'Internal error' }] } };
    sg.script(id, error, error, error);
    const w = worker();
    await w.runOnce();
    expect(await outboxRow(ctx, id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      provider_status: 500,
      last_error: '500: Internal error',
    });
    const [row] = await runUntilSettled(ctx, w, [id]);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 4,
      provider_status: 202,
      last_error: null,
    });
    expect(row!.provider_message_id).toMatch(/^sg-/);
    expect(statuses(id)).toEqual([500, 500, 500, 202]);
    expect(sg.acceptedCounts().get(id)).toBe(1);
  });

  it('400 fails at once with SendGrid’s reason and is never retried', async () => {
    const id = await queueOne();
    sg.script(id, {
      status: 400,
      body: {
        errors: [
          {
            message: 'Does not contain a valid address.',
            field: 'personalizations.0.to.0.email',
            help: null,
          },
        ],
      },
    });
    const w = worker();
    await w.runOnce();
    const row = await outboxRow(ctx, id);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      provider_status: 400,
      last_error: '400: personalizations.0.to.0.email: Does not contain a valid address.',
      sent_at: null,
    });
    for (let i = 0; i < 3; i += 1) {
      await sleep(50);
      await w.runOnce();
    }
    expect(statuses(id)).toEqual([400]);
    const listed = (await api('GET', `/notifications?status=failed`, viewer.token)).json();
    expect(listed.items).toContainEqual(
      expect.objectContaining({
        id,
        status: 'failed',
        lastError: row.last_error,
        providerStatus: 400,
        nextAttemptAt: null,
      }),
    );
    const status = (await api('GET', '/notifications/status', viewer.token)).json();
    expect(status.failed).toBeGreaterThanOrEqual(1);
  });

  it('a network error is retried, then sent once', async () => {
    const id = await queueOne();
    sg.script(id, 'network-error', 'network-error');
    const w = worker();
    await w.runOnce();
    const waiting = await outboxRow(ctx, id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, provider_status: null });
    expect(waiting.last_error).toMatch(/^network: /);
    const [row] = await runUntilSettled(ctx, w, [id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(statuses(id)).toEqual([0, 0, 202]);
  });

  it('a request SendGrid never answers times out and is retried; the round does not hang', async () => {
    const id = await queueOne();
    sg.script(id, { status: 202, delayMs: Infinity });
    const w = worker({}, sendgridTransport(KEY, BASE, { timeoutMs: 200 }));
    const started = Date.now();
    await w.runOnce();
    expect(Date.now() - started).toBeLessThan(5000);
    const waiting = await outboxRow(ctx, id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, provider_status: null });
    expect(waiting.last_error).toMatch(/^network: timeout/);
    const [row] = await runUntilSettled(ctx, w, [id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(statuses(id)).toEqual([202, 202]);
  });

  it('after maxAttempts the row is failed; POST /notifications/:id/retry queues it again', async () => {
    const id = await queueOne();
    const unavailable = { status: 503, body: { errors: [{ message: 'Service unavailable' }] } };
    sg.script(id, unavailable, unavailable, unavailable);
    const w = worker({ maxAttempts: 3 });
    const [failed] = await runUntilSettled(ctx, w, [id]);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      provider_status: 503,
      last_error: '503: Service unavailable',
    });
    expect(statuses(id)).toEqual([503, 503, 503]);
    // Stays failed: no worker picks it up by itself.
    await w.runOnce();
    expect(statuses(id)).toHaveLength(3);

    expect((await api('POST', `/notifications/${id}/retry`, viewer.token)).statusCode).toBe(403);
    const res = await api('POST', `/notifications/${id}/retry`, operator.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notification).toMatchObject({
      id,
      status: 'queued',
      attempts: 0,
      lastError: null,
    });
    const audit = await ctx.query<{ action: string; actor_id: number }>(
      "SELECT action, actor_id FROM audit_log WHERE entity = 'notification' AND entity_id = ?",
      [String(id)],
    );
    expect(audit.map((a) => [a.action, Number(a.actor_id)])).toEqual([
      ['notification.retry', operator.id],
    ]);
    // Only failed rows can be retried: it is queued now.
    const again = await api('POST', `/notifications/${id}/retry`, operator.token);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONFLICT');

    const [row] = await runUntilSettled(ctx, w, [id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, provider_status: 202 });
    expect(statuses(id)).toEqual([503, 503, 503, 202]);
    expect((await api('POST', `/notifications/${id}/retry`, operator.token)).statusCode).toBe(409);
  });

  it('a rendering or database error keeps the row and retries it', async () => {
    const id = await queueOne();
    const service = ctx.app.services.notificationsService;
    let calls = 0;
    const { notifier: w, close } = extraWorker(ctx, sendgridTransport(KEY, BASE), {
      baseDelayMs: 5,
      maxDelayMs: 20,
    });
    // The first render fails (a template the notifier cannot read, a lost connection…).
    const original = service.renderRow;
    service.renderRow = async (row) => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return original(row);
    };
    try {
      await w.runOnce();
      const waiting = await outboxRow(ctx, id);
      expect(waiting).toMatchObject({
        status: 'queued',
        attempts: 1,
        last_error: 'internal: connection lost',
      });
      expect(sg.of(id)).toEqual([]);
      const [row] = await runUntilSettled(ctx, w, [id]);
      expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      expect(statuses(id)).toEqual([202]);
    } finally {
      service.renderRow = original;
      await close();
    }
  });

  it('renders a client name with <script> escaped in the HTML sent to SendGrid', async () => {
    const hostile = await createClient(ctx, operator.token, {
      name: '<script>alert("pwned")</script>',
    });
    const id = await queueOne(hostile);
    await runUntilSettled(ctx, worker(), [id]);
    const [request] = sg.of(id);
    const html = request!.body.content.find((c) => c.type === 'text/html')!.value;
    const text = request!.body.content.find((c) => c.type === 'text/plain')!.value;
    expect(html).toContain('Bonjour &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;,');
    expect(html).not.toContain('<script');
    expect(text).toContain('Bonjour <script>alert("pwned")</script>,');
    expect(request!.body.personalizations[0]!.to[0]!.name).toBe('<script>alert("pwned")</script>');
  });

  it('the order timeline shows the email with its delivery status', async () => {
    const o = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [LINE],
      notify: true,
    });
    const [queued] = await outboxOfOrder(ctx, o.id);
    await runUntilSettled(ctx, worker(), [queued!.id]);
    const timeline = await events(ctx, viewer.token, o.id, true);
    expect(timeline.map((e) => e.type)).toEqual(['created', 'email']);
    expect(timeline[1]).toMatchObject({
      type: 'email',
      data: { notificationId: queued!.id, status: 'sent', transport: 'sendgrid', lastError: null },
    });
  });
});

describe('several workers', () => {
  it('two workers on 200 due rows send each exactly once', async () => {
    const first = await queueOne();
    const template = (await extraWorker(
      ctx,
      sendgridTransport(KEY, BASE),
      {},
      ctx.db,
    ).repo.findById(first))!;
    const ids = [first, ...(await cloneQueued(ctx, template, 199))];
    expect(ids).toHaveLength(200);
    // Each worker with its own pool, as two processes would be; slow answers so they overlap.
    sg.setDelay(2);
    const a = extraWorker(ctx, sendgridTransport(KEY, BASE), {
      workerId: 'worker-a',
      batchSize: 10,
    });
    const b = extraWorker(ctx, sendgridTransport(KEY, BASE), {
      workerId: 'worker-b',
      batchSize: 10,
    });
    try {
      const [na, nb] = await Promise.all([a.notifier.drain(), b.notifier.drain()]);
      expect(na).toBeGreaterThan(0);
      expect(nb).toBeGreaterThan(0);
      expect(na + nb).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const rows = await ctx.query<{ status: string; claimed_by: string; attempts: number }>(
      'SELECT status, claimed_by, attempts FROM notifications WHERE id IN (?)',
      [ids],
    );
    expect(rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true);
    const byWorker = new Map<string, number>();
    for (const r of rows) byWorker.set(r.claimed_by, (byWorker.get(r.claimed_by) ?? 0) + 1);
    expect([...byWorker.keys()].sort()).toEqual(['worker-a', 'worker-b']);
    // What SendGrid saw: every outbox id exactly once.
    const counts = sg.acceptedCounts();
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(sg.requests.filter((r) => ids.includes(r.outboxId))).toHaveLength(200);
  });

  it('a worker stopped between claim and send loses nothing: the row is claimed again after its lease and sent once', async () => {
    const hung = await queueOne();
    const crashed = await queueOne();
    // Worker 1 claims `hung` and never gets an answer from its transport (the process froze).
    let release: ((outcome: SendOutcome) => void) | undefined;
    const frozen: Transport = {
      name: 'sendgrid',
      send: () => new Promise<SendOutcome>((resolve) => (release = resolve)),
    };
    const dying = worker({ workerId: 'dying', leaseMs: 1500, batchSize: 1 }, frozen);
    const dyingRound = dying.runOnce();
    for (let i = 0; i < 200 && !release; i += 1) await sleep(5);
    expect(release).toBeDefined();
    // Worker 2 claimed `crashed` and died before doing anything with it.
    const repo = extraWorker(ctx, frozen, {}, ctx.db).repo;
    const claimed = await repo.claim('crashed', 10, 1500);
    expect(claimed.map((r) => r.id)).toEqual([crashed]);

    const leased = await outboxRow(ctx, hung);
    expect(leased).toMatchObject({ status: 'sending', claimed_by: 'dying', attempts: 1 });
    expect(leased.lease_until!.getTime()).toBeGreaterThan(Date.now());
    expect(await outboxRow(ctx, crashed)).toMatchObject({
      status: 'sending',
      claimed_by: 'crashed',
    });

    // A healthy worker leaves both alone while their leases last…
    const healthy = worker({ workerId: 'healthy' });
    await healthy.runOnce();
    expect([...sg.of(hung), ...sg.of(crashed)]).toEqual([]);
    // …and takes them over once the leases ran out.
    const rows = await runUntilSettled(ctx, healthy, [hung, crashed], 5000);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'sent', claimed_by: 'healthy', attempts: 2 });
    expect(statuses(hung)).toEqual([202]);
    expect(statuses(crashed)).toEqual([202]);

    // If the frozen worker wakes up later, its answer no longer counts: the row stays sent.
    release!({ kind: 'failed', providerStatus: 400, error: 'late answer' });
    await dyingRound;
    expect(await outboxRow(ctx, hung)).toMatchObject({
      status: 'sent',
      claimed_by: 'healthy',
      last_error: null,
    });
  });
});

describe('backoffDelay', () => {
  it('doubles from the base with equal jitter, capped at the maximum', () => {
    for (let i = 0; i < 200; i += 1) {
      const first = backoffDelay(1, 1000, 60_000);
      expect(first).toBeGreaterThanOrEqual(500);
      expect(first).toBeLessThanOrEqual(1000);
      const third = backoffDelay(3, 1000, 60_000);
      expect(third).toBeGreaterThanOrEqual(2000);
      expect(third).toBeLessThanOrEqual(4000);
      const capped = backoffDelay(30, 1000, 60_000);
      expect(capped).toBeGreaterThanOrEqual(30_000);
      expect(capped).toBeLessThanOrEqual(60_000);
    }
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(2, 1000, 60_000)));
    expect(spread.size).toBeGreaterThan(1);
  });
});
