import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS } from '@gestco/contract';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { api as apiOf, createSupplier, type Json } from '../../../test/catalogue.ts';
import {
  auditOf,
  changeStatus,
  createClient,
  createOrder,
  events,
  moveTo,
  postOrder,
  stockedProduct,
  uniqueContact,
  type OrderJson,
} from '../../../test/orders.ts';
import {
  outboxCount,
  outboxOfOrder,
  outboxRow,
  outboxRows,
  saveNotificationsSettings,
} from '../../../test/notifications.ts';
import { SETTINGS_DEFAULTS } from '../settings/settings-defaults.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';

/**
 * The outbox, the history, the templates, manual emails and payment links, with
 * the local transport (no SENDGRID_API_KEY): the "boîte d'envoi de test".
 * SendGrid itself is in notifications-sendgrid.test.ts.
 */

let ctx: TestContext;
let admin: TestUser;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let supplier: Json;
let client: Json & { email: string; name: string };

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  admin = await ctx.createUser('admin', { name: 'Alice Admin' });
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator', { name: 'Oscar Opérateur' });
  viewer = await ctx.createUser('viewer');
  supplier = await createSupplier(ctx, manager.token, { name: 'Fournisseur des notifications' });
  client = (await createClient(ctx, operator.token, {
    name: 'Boulangerie du Parc',
  })) as typeof client;
});
afterAll(() => ctx.close());
// Each test starts from the shipped notifications settings.
afterEach(async () => {
  await saveNotificationsSettings(ctx, admin.token, { ...SETTINGS_DEFAULTS.notifications });
});

const LINE = { description: 'Prestation de test', quantity: 2, unitPrice: 1500, vatRate: '20' };
const order = (extra: Record<string, unknown> = {}, c: Json = client) =>
  createOrder(ctx, operator.token, { clientId: c.id, lines: [LINE], ...extra });
const status = (id: number, body: Record<string, unknown>, token = operator.token) =>
  changeStatus(ctx, token, id, body);
const drain = () => ctx.app.services.notifier.drain();

/** A client with a phone and no email address. */
async function clientWithoutEmail(name = 'Client sans email') {
  const res = await api('POST', '/clients', operator.token, {
    name,
    kind: 'company',
    phone: uniqueContact().phone,
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().email).toBeNull();
  return res.json() as Json;
}

describe('the outbox: emails queued in the transaction of the change', () => {
  it('queues order_created for the client when an order is created (on by default), nothing sent yet', async () => {
    const o = await order();
    const rows = await outboxOfOrder(ctx, o.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'order_created',
      order_id: o.id,
      client_id: client.id,
      recipient_type: 'client',
      to_email: client.email,
      to_name: 'Boulangerie du Parc',
      language: 'fr',
      status: 'queued',
      transport: 'local',
      attempts: 0,
      subject: null,
      html: null,
      text: null,
      sent_at: null,
    });
    const [raw] = await ctx.query<{ payload: string; created_by: number }>(
      'SELECT payload, created_by FROM notifications WHERE id = ?',
      [rows[0]!.id],
    );
    expect(Number(raw!.created_by)).toBe(operator.id);
    // The payload is the order as it was at that moment.
    expect(JSON.parse(raw!.payload)).toMatchObject({
      orderId: o.id,
      reference: o.reference,
      status: 'pending',
      total: o.totals.total,
      client: { id: client.id, email: client.email, language: 'fr' },
      lines: [{ quantity: 2, name: 'Prestation de test' }],
    });
  });

  it('notify:false queues nothing; notify:true queues an event that is off by default', async () => {
    const o = await order({ notify: false });
    expect(await outboxOfOrder(ctx, o.id)).toEqual([]);
    // in_progress is off by default: unset → nothing, true → one.
    await moveTo(ctx, operator.token, o.id, ['in_progress']);
    expect(await outboxOfOrder(ctx, o.id)).toEqual([]);
    const o2 = await order({ notify: false });
    await moveTo(ctx, operator.token, o2.id, ['in_progress'], { notify: true });
    expect((await outboxOfOrder(ctx, o2.id)).map((r) => r.event)).toEqual(['status_in_progress']);
    // shipped is on by default: unset → one; false → none.
    await moveTo(ctx, operator.token, o.id, ['shipped']);
    expect((await outboxOfOrder(ctx, o.id)).map((r) => r.event)).toEqual(['status_shipped']);
    await moveTo(ctx, operator.token, o2.id, ['shipped'], { notify: false });
    await moveTo(ctx, operator.token, o2.id, ['completed'], { notify: true });
    expect((await outboxOfOrder(ctx, o2.id)).map((r) => r.event)).toEqual([
      'status_in_progress',
      'status_completed',
    ]);
  });

  it('notify unset follows settings.notifyByDefault, per event', async () => {
    await saveNotificationsSettings(ctx, admin.token, {
      notifyByDefault: {
        order_created: false,
        status_in_progress: true,
        status_shipped: false,
        status_completed: true,
        status_cancelled: false,
      },
    });
    const o = await order();
    expect(await outboxOfOrder(ctx, o.id)).toEqual([]);
    await moveTo(ctx, operator.token, o.id, ['in_progress', 'shipped', 'completed']);
    expect((await outboxOfOrder(ctx, o.id)).map((r) => r.event)).toEqual([
      'status_in_progress',
      'status_completed',
    ]);
    const cancelled = await order();
    await moveTo(ctx, operator.token, cancelled.id, ['cancelled']);
    expect(await outboxOfOrder(ctx, cancelled.id)).toEqual([]);
    // An explicit notify wins over the setting either way.
    const explicit = await order({ notify: true });
    await moveTo(ctx, operator.token, explicit.id, ['in_progress'], { notify: false });
    await moveTo(ctx, operator.token, explicit.id, ['cancelled'], { notify: true });
    expect((await outboxOfOrder(ctx, explicit.id)).map((r) => r.event)).toEqual([
      'order_created',
      'status_cancelled',
    ]);
  });

  it('queues nothing when the change fails: 409 insufficient stock, illegal transition, stale version', async () => {
    const scarce = await stockedProduct(ctx, manager.token, supplier.id, 1);
    const o = await order({ notify: false, lines: [{ productId: scarce.id, quantity: 2 }] });
    const before = await outboxCount(ctx);

    const short = await status(o.id, { status: 'in_progress', notify: true });
    expect(short.statusCode).toBe(409);
    expect(short.json().code).toBe('INSUFFICIENT_STOCK');
    const illegal = await status(o.id, { status: 'completed', notify: true });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().code).toBe('ILLEGAL_TRANSITION');
    const stale = await status(o.id, {
      status: 'cancelled',
      notify: true,
      version: o.version - 1 || 999,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    // An order created in_progress without the stock: neither the order nor its email.
    const refused = await postOrder(ctx, operator.token, {
      clientId: client.id,
      status: 'in_progress',
      lines: [{ productId: scarce.id, quantity: 5 }],
      notify: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(await outboxCount(ctx)).toBe(before);

    // The same change that succeeds does queue its email.
    const ok = await status(o.id, { status: 'cancelled', notify: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await outboxOfOrder(ctx, o.id)).map((r) => r.event)).toEqual(['status_cancelled']);
  });

  it('a bulk status change queues for the orders that change and none for those refused', async () => {
    const scarce = await stockedProduct(ctx, manager.token, supplier.id, 1);
    const fine = await order({ notify: false });
    const short = await order({ notify: false, lines: [{ productId: scarce.id, quantity: 3 }] });
    const res = await api('POST', '/orders/bulk', operator.token, {
      ids: [fine.id, short.id],
      action: { type: 'status', status: 'in_progress', notify: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ succeeded: 1, failed: 1 });
    expect((await outboxOfOrder(ctx, fine.id)).map((r) => r.event)).toEqual(['status_in_progress']);
    expect(await outboxOfOrder(ctx, short.id)).toEqual([]);
  });

  it('a client without an email gets no row; staff rows still go', async () => {
    const silent = await clientWithoutEmail();
    const o = await order({ notify: true }, silent);
    expect(await outboxOfOrder(ctx, o.id)).toEqual([]);
    await saveNotificationsSettings(ctx, admin.token, { staffRecipients: 'admins' });
    const o2 = await order({ notify: true }, silent);
    const rows = await outboxOfOrder(ctx, o2.id);
    expect(rows.map((r) => [r.recipient_type, r.to_email])).toEqual([['staff', admin.email]]);
  });

  it('uses the email of the order billing address before the client one', async () => {
    const o = await order({
      notify: true,
      billingAddress: {
        name: 'Compta du Parc',
        company: 'Boulangerie du Parc',
        email: 'compta@parc.test.gestco.fr',
        phone: null,
        line1: null,
        line2: null,
        postalCode: null,
        city: null,
        country: null,
      },
    });
    const rows = await outboxOfOrder(ctx, o.id);
    expect(rows.map((r) => r.to_email)).toEqual(['compta@parc.test.gestco.fr']);
  });

  describe('staff recipients (settings.staffRecipients)', () => {
    let otherAdmin: TestUser;
    let retired: TestUser;
    beforeAll(async () => {
      otherAdmin = await ctx.createUser('admin', { name: 'Bruno Admin' });
      retired = await ctx.createUser('admin', { name: 'Ancien Admin' });
      await ctx.query('UPDATE users SET active = 0 WHERE id = ?', [retired.id]);
    });
    const recipients = async (o: OrderJson) =>
      (await outboxOfOrder(ctx, o.id))
        .map((r) => `${r.recipient_type} ${r.to_email} ${r.language}`)
        .sort();

    it('admins: the client and every active admin', async () => {
      await saveNotificationsSettings(ctx, admin.token, { staffRecipients: 'admins' });
      const o = await order({ notify: true, operatorId: operator.id });
      expect(await recipients(o)).toEqual(
        [
          `client ${client.email} fr`,
          `staff ${admin.email} fr`,
          `staff ${otherAdmin.email} fr`,
        ].sort(),
      );
      expect(await recipients(o)).not.toContain(`staff ${retired.email} fr`);
      const staff = (await outboxOfOrder(ctx, o.id)).find((r) => r.to_email === admin.email)!;
      expect(staff).toMatchObject({ recipient_type: 'staff', to_name: 'Alice Admin' });
    });

    it('operator: the assigned operator, nobody when the order has none', async () => {
      await saveNotificationsSettings(ctx, admin.token, { staffRecipients: 'operator' });
      const assigned = await order({ notify: true, operatorId: operator.id });
      expect(await recipients(assigned)).toEqual(
        [`client ${client.email} fr`, `staff ${operator.email} fr`].sort(),
      );
      const unassigned = await order({ notify: true, operatorId: null });
      expect(await recipients(unassigned)).toEqual([`client ${client.email} fr`]);
    });

    it('admins_and_operator: both, once per address; sendToClient false leaves the client out', async () => {
      await saveNotificationsSettings(ctx, admin.token, {
        staffRecipients: 'admins_and_operator',
        sendToClient: false,
      });
      const o = await order({ notify: true, operatorId: operator.id });
      expect(await recipients(o)).toEqual(
        [
          `staff ${admin.email} fr`,
          `staff ${otherAdmin.email} fr`,
          `staff ${operator.email} fr`,
        ].sort(),
      );
      // An admin assigned to the order gets one email, not two.
      const own = await order({ notify: true, operatorId: admin.id });
      expect(await recipients(own)).toEqual(
        [`staff ${admin.email} fr`, `staff ${otherAdmin.email} fr`].sort(),
      );
    });
  });
});

describe('the local transport: the test outbox', () => {
  it('marks rows sent and keeps the rendered subject, HTML and text, in the client language', async () => {
    const english = await createClient(ctx, operator.token, {
      name: 'Harbour Bakery',
      language: 'en',
    });
    const fr = await order({ notify: true });
    const en = await order({ notify: true }, english);
    expect(await drain()).toBeGreaterThanOrEqual(2);
    expect(await drain()).toBe(0);

    const [frRow] = await outboxOfOrder(ctx, fr.id);
    expect(frRow).toMatchObject({
      status: 'sent',
      transport: 'local',
      attempts: 1,
      provider_status: null,
      provider_message_id: null,
      last_error: null,
      subject: `Nous avons bien reçu votre commande — ${fr.reference}`,
    });
    expect(frRow!.sent_at).toBeInstanceOf(Date);
    expect(frRow!.html).toContain('Bonjour Boulangerie du Parc,');
    expect(frRow!.html).toContain(fr.reference);
    expect(frRow!.text).toContain('Bonjour Boulangerie du Parc,');
    expect(frRow!.text).toContain('2 × Prestation de test');

    const [enRow] = await outboxOfOrder(ctx, en.id);
    expect(enRow).toMatchObject({ language: 'en', status: 'sent' });
    expect(enRow!.subject).toBe(`We have received your order — ${en.reference}`);
    expect(enRow!.html).toContain('Hello Harbour Bakery,');

    const detail = await api('GET', `/notifications/${frRow!.id}`, viewer.token);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toEqual({
      notification: expect.objectContaining({
        id: frRow!.id,
        event: 'order_created',
        orderId: fr.id,
        orderReference: fr.reference,
        clientId: client.id,
        status: 'sent',
        transport: 'local',
        nextAttemptAt: null,
        subject: frRow!.subject,
      }),
      html: frRow!.html,
      text: frRow!.text,
    });
  });

  it('GET /notifications/:id has no HTML before sending; 404 for an unknown id', async () => {
    const o = await order({ notify: true });
    const [row] = await outboxOfOrder(ctx, o.id);
    const queued = (await api('GET', `/notifications/${row!.id}`, viewer.token)).json();
    expect(queued).toMatchObject({
      notification: { status: 'queued', attempts: 0, subject: null },
      html: null,
      text: null,
    });
    expect(Date.parse(queued.notification.nextAttemptAt)).not.toBeNaN();
    const missing = await api('GET', '/notifications/999999', viewer.token);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOTIFICATION_NOT_FOUND');
    await drain();
  });

  it('GET /notifications/status: the local transport, the sender, queued and failed counts', async () => {
    await drain();
    await order({ notify: true });
    await order({ notify: true });
    const res = await api('GET', '/notifications/status', viewer.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      transport: 'local',
      sendgridConfigured: false,
      sender: 'Mon entreprise <no-reply@example.com>',
      queued: 2,
      failed: 0,
    });
    await drain();
    expect((await api('GET', '/notifications/status', viewer.token)).json()).toMatchObject({
      queued: 0,
    });
    expect((await api('GET', '/notifications/status')).statusCode).toBe(401);
  });

  it('only failed rows can be retried: 409 for a sent one, 404 for an unknown one', async () => {
    const o = await order({ notify: true });
    await drain();
    const [row] = await outboxOfOrder(ctx, o.id);
    const res = await api('POST', `/notifications/${row!.id}/retry`, operator.token);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect(res.json().detail).toContain('sent');
    expect((await outboxRow(ctx, row!.id)).status).toBe('sent');
    const missing = await api('POST', '/notifications/999999/retry', operator.token);
    expect(missing.statusCode).toBe(404);
    expect((await api('POST', `/notifications/${row!.id}/retry`, viewer.token)).statusCode).toBe(
      403,
    );
  });
});

describe('GET /notifications: history with filters and keyset pages', () => {
  let a: Json;
  let b: Json;
  let orderA: OrderJson;
  let orderB: OrderJson;
  let ids: { all: number[]; a: number[]; b: number[] };
  beforeAll(async () => {
    await drain();
    a = await createClient(ctx, operator.token, { name: 'Historique A' });
    b = await createClient(ctx, operator.token, { name: 'Historique B' });
    orderA = await order({ notify: true }, a);
    await moveTo(ctx, operator.token, orderA.id, ['in_progress', 'shipped'], { notify: true });
    await drain();
    orderB = await order({ notify: true }, b);
    await moveTo(ctx, operator.token, orderB.id, ['cancelled'], { notify: true });
    const all = await outboxRows(ctx);
    ids = {
      all: all.map((r) => r.id),
      a: all.filter((r) => r.client_id === a.id).map((r) => r.id),
      b: all.filter((r) => r.client_id === b.id).map((r) => r.id),
    };
    expect(ids.a).toHaveLength(3);
    expect(ids.b).toHaveLength(2);
    // Two rows of A dated in the past, for the date range filters.
    await ctx.query('UPDATE notifications SET created_at = ? WHERE id = ?', [
      new Date('2020-03-01T10:00:00.000Z'),
      ids.a[0],
    ]);
    await ctx.query('UPDATE notifications SET created_at = ? WHERE id = ?', [
      new Date('2020-06-15T10:00:00.000Z'),
      ids.a[1],
    ]);
  });

  const list = async (query: string, token = viewer.token) => {
    const res = await api('GET', `/notifications${query}`, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: (Json & { status: string; event: string; createdAt: string })[];
      nextCursor: string | null;
      total: number | string;
    };
  };
  const idsOf = async (query: string) => (await list(query)).items.map((i) => i.id).sort();

  it('filters by order, client, status, event, transport and date range', async () => {
    expect(await idsOf(`?orderId=${orderA.id}`)).toEqual([...ids.a].sort());
    expect(await idsOf(`?clientId=${b.id}`)).toEqual([...ids.b].sort());
    expect(await idsOf(`?clientId=${a.id}&status=sent`)).toEqual([...ids.a].sort());
    expect(await idsOf(`?clientId=${b.id}&status=queued`)).toEqual([...ids.b].sort());
    expect(await idsOf(`?clientId=${a.id}&status=queued`)).toEqual([]);
    expect(await idsOf(`?orderId=${orderA.id}&event=status_shipped`)).toEqual([ids.a[2]]);
    expect(await idsOf(`?orderId=${orderB.id}&event=status_cancelled&transport=local`)).toEqual([
      ids.b[1],
    ]);
    expect(await idsOf(`?orderId=${orderB.id}&transport=sendgrid`)).toEqual([]);
    expect(
      await idsOf(`?createdFrom=2020-01-01T00:00:00.000Z&createdTo=2020-12-31T23:59:59.999Z`),
    ).toEqual([ids.a[0], ids.a[1]].sort());
    expect(
      await idsOf(`?createdFrom=2020-05-01T00:00:00.000Z&createdTo=2020-12-31T23:59:59.999Z`),
    ).toEqual([ids.a[1]]);
    expect(
      await idsOf(
        `?clientId=${a.id}&createdFrom=${new Date(Date.now() - 86_400_000).toISOString()}`,
      ),
    ).toEqual([ids.a[2]]);
    const one = (await list(`?orderId=${orderA.id}&event=status_shipped`)).items[0]!;
    expect(one).toMatchObject({
      orderId: orderA.id,
      orderReference: orderA.reference,
      clientId: a.id,
      status: 'sent',
      event: 'status_shipped',
    });
  });

  it('pages newest first with a keyset cursor, every row once, with the exact total', async () => {
    const seen: number[] = [];
    const first = await list('?limit=2');
    expect(first.total).toBe(ids.all.length);
    let page = first;
    for (;;) {
      seen.push(...page.items.map((i) => i.id));
      expect(page.items.length).toBeLessThanOrEqual(2);
      if (!page.nextCursor) break;
      page = await list(`?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`);
    }
    expect(seen).toHaveLength(ids.all.length);
    expect([...seen].sort((x, y) => x - y)).toEqual([...ids.all].sort((x, y) => x - y));
    // Newest first: created_at descending, then id descending.
    const rows = await outboxRows(ctx);
    const expected = rows
      .sort((x, y) => {
        const [cx, cy] = [
          (x as unknown as { created_at: Date }).created_at.getTime(),
          (y as unknown as { created_at: Date }).created_at.getTime(),
        ];
        return cy - cx || y.id - x.id;
      })
      .map((r) => r.id);
    expect(seen).toEqual(expected);
    // Filters hold across pages.
    const filtered = await list(`?clientId=${a.id}&limit=1`);
    expect(filtered.total).toBe(3);
    const second = await list(
      `?clientId=${a.id}&limit=1&cursor=${encodeURIComponent(filtered.nextCursor!)}`,
    );
    expect(second.items.map((i) => i.id)).not.toEqual(filtered.items.map((i) => i.id));
    expect(ids.a).toContain(second.items[0]!.id);
  });

  it('refuses unknown or malformed filters (400) and anonymous callers (401)', async () => {
    for (const q of ['?foo=1', '?status=lost', '?event=birthday', '?createdFrom=yesterday']) {
      const res = await api('GET', `/notifications${q}`, viewer.token);
      expect(res.statusCode, q).toBe(400);
    }
    expect((await api('GET', '/notifications')).statusCode).toBe(401);
  });
});

describe('templates', () => {
  const url = (event = 'order_created', language = 'fr') =>
    `/notification-templates/${event}/${language}`;
  const save = (body: Record<string, unknown>, token = manager.token, event?: string) =>
    api('PUT', url(event), token, body);
  const edited = {
    subject: 'Commande {{order.reference}} reçue, {{client.name}}',
    html: '<p>Merci {{client.name}} !</p>{{order.lines}}<p>{{order.total}}</p>',
    text: 'Merci {{client.name}} !\n{{order.lines}}',
  };

  afterEach(async () => {
    await api('DELETE', url(), manager.token);
  });

  it('lists every event × fr/en, all shipped defaults at version 1', async () => {
    const res = await api('GET', '/notification-templates', viewer.token);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      event: keyof typeof DEFAULT_TEMPLATES;
      language: 'fr' | 'en';
    }[];
    expect(items).toHaveLength(NOTIFICATION_EVENTS.length * 2);
    expect(items.map((t) => `${t.event}/${t.language}`).sort()).toEqual(
      NOTIFICATION_EVENTS.flatMap((e) => [`${e}/en`, `${e}/fr`]).sort(),
    );
    for (const t of items)
      expect(t).toEqual({
        event: t.event,
        language: t.language,
        ...DEFAULT_TEMPLATES[t.event][t.language],
        isDefault: true,
        version: 1,
        updatedAt: null,
      });
    const vars = await api('GET', '/notification-templates/variables?language=en', viewer.token);
    expect(vars.statusCode).toBe(200);
    expect(vars.json().items).toContainEqual(
      expect.objectContaining({ name: 'client.name', description: "Client's name" }),
    );
    expect(vars.json().items.map((v: { name: string }) => v.name)).toEqual(
      expect.arrayContaining(['order.reference', 'order.total', 'order.lines', 'company.name']),
    );
  });

  it('GET one template; 400 for an unknown event or language', async () => {
    const res = await api('GET', url('status_shipped', 'en'), viewer.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ...DEFAULT_TEMPLATES.status_shipped.en,
      isDefault: true,
      version: 1,
    });
    expect((await api('GET', url('birthday', 'fr'), viewer.token)).statusCode).toBe(400);
    expect((await api('GET', url('manual', 'de'), viewer.token)).statusCode).toBe(400);
  });

  it('PUT saves with the version; a stale version is 409; the audit log keeps it', async () => {
    const first = await save({ version: 1, ...edited });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ ...edited, isDefault: false, version: 2 });
    expect(Date.parse(first.json().updatedAt)).not.toBeNaN();
    expect((await api('GET', url(), viewer.token)).json()).toMatchObject({ version: 2, ...edited });

    const stale = await save({ version: 1, ...edited, subject: 'Perdu' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const second = await save({ version: 2, ...edited, subject: 'Reçue : {{order.reference}}' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ version: 3, subject: 'Reçue : {{order.reference}}' });
    // The other language is untouched.
    expect((await api('GET', url('order_created', 'en'), viewer.token)).json()).toMatchObject({
      isDefault: true,
      version: 1,
    });
    const audit = await ctx.query<{ action: string; actor_id: number }>(
      "SELECT action, actor_id FROM audit_log WHERE entity = 'notification_template' AND entity_id = 'order_created/fr' ORDER BY id",
    );
    expect(audit.map((r) => [r.action, Number(r.actor_id)])).toEqual([
      ['template.update', manager.id],
      ['template.update', manager.id],
    ]);
  });

  it('refuses unknown variables (400 naming /subject, /html or /text) and saves nothing', async () => {
    for (const field of ['subject', 'html', 'text'] as const) {
      const res = await save({ version: 1, ...edited, [field]: 'Bonjour {{client.nmae}} {{ x }}' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors).toEqual([
        { path: `/${field}`, message: expect.stringContaining('{{client.nmae}}') },
      ]);
      expect(res.json().errors[0].message).toContain('{{x}}');
    }
    const body = await save({ version: 1, ...edited, extra: true });
    expect(body.statusCode).toBe(400);
    const empty = await save({ version: 1, ...edited, subject: '' });
    expect(empty.statusCode).toBe(400);
    expect((await api('GET', url(), viewer.token)).json()).toMatchObject({
      isDefault: true,
      version: 1,
    });
  });

  it('only managers and admins edit or reset templates (operator, viewer → 403)', async () => {
    for (const user of [operator, viewer]) {
      expect((await save({ version: 1, ...edited }, user.token)).statusCode).toBe(403);
      expect((await api('DELETE', url(), user.token)).statusCode).toBe(403);
    }
    expect((await save({ version: 1, ...edited }, admin.token)).statusCode).toBe(200);
    expect((await api('GET', url(), viewer.token)).json().isDefault).toBe(false);
  });

  it('DELETE resets to the default; saving again starts from version 1', async () => {
    expect((await save({ version: 1, ...edited })).statusCode).toBe(200);
    const reset = await api('DELETE', url(), manager.token);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toEqual({
      event: 'order_created',
      language: 'fr',
      ...DEFAULT_TEMPLATES.order_created.fr,
      isDefault: true,
      version: 1,
      updatedAt: null,
    });
    // Resetting a default changes nothing.
    expect((await api('DELETE', url(), manager.token)).json()).toMatchObject({ isDefault: true });
    expect((await save({ version: 1, ...edited })).json()).toMatchObject({ version: 2 });
  });

  it('a saved template is what the next emails use (rendered when sent)', async () => {
    await drain();
    expect((await save({ version: 1, ...edited })).statusCode).toBe(200);
    const o = await order({ notify: true });
    await drain();
    const [row] = await outboxOfOrder(ctx, o.id);
    expect(row!.subject).toBe(`Commande ${o.reference} reçue, Boulangerie du Parc`);
    expect(row!.html).toContain('<p>Merci Boulangerie du Parc !</p><table');
    expect(row!.text).toMatch(/^Merci Boulangerie du Parc !\n2 × Prestation de test — 30,00\s€$/u);
  });

  describe('POST /notification-templates/preview', () => {
    const preview = (body: Record<string, unknown>, token = viewer.token) =>
      api('POST', '/notification-templates/preview', token, {
        event: 'status_shipped',
        language: 'fr',
        ...DEFAULT_TEMPLATES.status_shipped.fr,
        ...body,
      });

    it('renders on the sample order', async () => {
      const res = await preview({});
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.subject).toBe('Votre commande a été expédiée — CMD-2026-000123');
      expect(r.html).toContain('Bonjour Boulangerie Martin,');
      expect(r.html).toContain('La Poste');
      expect(r.html).toContain(
        'href="https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901"',
      );
      expect(r.html).toContain('<td style="padding:4px 8px">Farine T65 25 kg</td>');
      expect(r.text).toContain('2 × Farine T65 25 kg');
      expect(r.text).not.toContain('<');
      const en = await preview({ language: 'en', ...DEFAULT_TEMPLATES.status_shipped.en });
      expect(en.json().html).toContain(
        '<th style="text-align:left;padding:4px 8px;border-bottom:1px solid #e4e4e7">Item</th>',
      );
    });

    it('renders on a real order, with every value escaped in the HTML', async () => {
      const hostile = await createClient(ctx, operator.token, {
        name: '<script>alert("x")</script> & Fils',
      });
      const o = await createOrder(ctx, operator.token, {
        clientId: hostile.id,
        lines: [
          {
            description: '<img src=x onerror=alert(1)>',
            quantity: 1,
            unitPrice: 990,
            vatRate: '20',
          },
        ],
        notify: false,
      });
      await moveTo(ctx, operator.token, o.id, ['in_progress', 'shipped'], {
        notify: false,
        carrier: 'La Poste',
        trackingCode: 'AB"12',
      });
      const res = await preview({ orderId: o.id });
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.subject).toBe(`Votre commande a été expédiée — ${o.reference}`);
      expect(r.html).toContain(
        'Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils,',
      );
      expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(r.html).toContain('AB&quot;12');
      expect(r.html).not.toContain('<script>');
      expect(r.html).not.toContain('<img');
      expect(r.text).toContain('Bonjour <script>alert("x")</script> & Fils,');
    });

    it('refuses unknown variables (400) and unknown orders (404); needs a login', async () => {
      const bad = await preview({ html: '<p>{{order.secret}}</p>' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([
        { path: '/html', message: expect.stringContaining('{{order.secret}}') },
      ]);
      const missing = await preview({ orderId: 999_999 });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('ORDER_NOT_FOUND');
      expect(
        (
          await ctx.inject({
            method: 'POST',
            url: '/api/v1/notification-templates/preview',
            payload: { event: 'manual', language: 'fr', subject: 'a', html: 'b', text: 'c' },
          })
        ).statusCode,
      ).toBe(401);
    });
  });
});

describe('a client name with <script> in a sent email', () => {
  it('is escaped in the HTML the test outbox keeps, raw in the text part', async () => {
    const hostile = await createClient(ctx, operator.token, {
      name: '<script>alert(1)</script>',
    });
    const o = await order({ notify: true }, hostile);
    await drain();
    const [row] = await outboxOfOrder(ctx, o.id);
    expect(row!.status).toBe('sent');
    expect(row!.html).toContain('Bonjour &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(row!.html).not.toContain('<script');
    expect(row!.text).toContain('Bonjour <script>alert(1)</script>,');
  });
});

describe('POST /orders/:id/emails (manual email)', () => {
  it('queues the manual template, rendered with the typed subject and the message escaped', async () => {
    // A manual email goes to the client whatever the status-email settings say, never to staff.
    await saveNotificationsSettings(ctx, admin.token, {
      sendToClient: false,
      staffRecipients: 'admins',
    });
    const o = await order({ notify: false });
    const res = await api('POST', `/orders/${o.id}/emails`, operator.token, {
      subject: 'Livraison <mardi> & "matin"',
      message: 'Bonjour,\n<b>Livraison</b> mardi & merci',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ queued: 1 });
    const rows = await outboxOfOrder(ctx, o.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'manual',
      recipient_type: 'client',
      to_email: client.email,
      status: 'queued',
    });
    await drain();
    const sent = await outboxRow(ctx, rows[0]!.id);
    expect(sent.status).toBe('sent');
    expect(sent.subject).toBe('Livraison <mardi> & "matin"');
    expect(sent.html).toContain('Bonjour,\n&lt;b&gt;Livraison&lt;/b&gt; mardi &amp; merci');
    expect(sent.html).not.toContain('<b>');
    expect(sent.text).toContain('Bonjour,\n<b>Livraison</b> mardi & merci');
    expect((await auditOf(ctx, 'order', o.id)).at(-1)).toMatchObject({
      action: 'order.email',
      actorId: operator.id,
      after: { subject: 'Livraison <mardi> & "matin"' },
    });
    // The email is in the order timeline.
    const timeline = await events(ctx, viewer.token, o.id, true);
    expect(timeline.at(-1)).toMatchObject({
      type: 'email',
      comment: 'Livraison <mardi> & "matin"',
      data: { notificationId: sent.id, event: 'manual', status: 'sent', to: client.email },
    });
  });

  it('answers 409 for a client without email, 404 for an unknown order, 403 for a viewer, 400 for an empty message', async () => {
    const silent = await clientWithoutEmail('Muet SARL');
    const o = await order({ notify: false }, silent);
    const before = await outboxCount(ctx);
    const body = { subject: 'Bonjour', message: 'Un mot' };
    const noEmail = await api('POST', `/orders/${o.id}/emails`, operator.token, body);
    expect(noEmail.statusCode).toBe(409);
    expect(noEmail.json()).toMatchObject({ code: 'CONFLICT' });
    expect(noEmail.json().errors).toEqual([
      { path: '/billingAddress/email', message: expect.any(String) },
    ]);
    expect((await api('POST', '/orders/999999/emails', operator.token, body)).statusCode).toBe(404);
    expect((await api('POST', `/orders/${o.id}/emails`, viewer.token, body)).statusCode).toBe(403);
    const other = await order({ notify: false });
    for (const bad of [
      { subject: 'Bonjour', message: '' },
      { subject: '', message: 'Un mot' },
      { subject: 'Bonjour' },
      { ...body, cc: 'x@y.fr' },
    ]) {
      const res = await api('POST', `/orders/${other.id}/emails`, operator.token, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await outboxCount(ctx)).toBe(before);
  });
});

describe('POST /orders/:id/payment-link', () => {
  const send = (id: number, token = operator.token) =>
    api('POST', `/orders/${id}/payment-link`, token);

  it('answers 409 while no payment URL template is set, and queues nothing', async () => {
    const o = await order({ notify: false });
    const res = await send(o.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect(res.json().detail).toContain('payment link');
    expect(await outboxOfOrder(ctx, o.id)).toEqual([]);
  });

  it('queues the payment link with the reference and the amount due in the URL', async () => {
    await saveNotificationsSettings(ctx, admin.token, {
      paymentUrlTemplate: 'https://pay.example.com/{reference}?amount={amount}',
    });
    const o = await order({ notify: false });
    const res = await send(o.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ queued: 1 });
    const [row] = await outboxOfOrder(ctx, o.id);
    expect(row).toMatchObject({ event: 'payment_link', recipient_type: 'client' });
    const url = `https://pay.example.com/${o.reference}?amount=${o.totals.total}`;
    await drain();
    const sent = await outboxRow(ctx, row!.id);
    expect(sent.subject).toBe(`Lien de paiement de votre commande — ${o.reference}`);
    expect(sent.html).toContain(`<a href="${url}">Payer maintenant</a>`);
    expect(sent.text).toContain('Payer maintenant');

    // Partly paid: the link asks for what is left.
    const paid = await api('POST', `/orders/${o.id}/payments`, operator.token, {
      amount: 1000,
      method: 'Virement',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await send(o.id)).statusCode).toBe(202);
    const [, second] = await outboxOfOrder(ctx, o.id);
    const [raw] = await ctx.query<{ payload: string }>(
      'SELECT payload FROM notifications WHERE id = ?',
      [second!.id],
    );
    expect(JSON.parse(raw!.payload).paymentUrl).toBe(
      `https://pay.example.com/${o.reference}?amount=${o.totals.total - 1000}`,
    );
    expect((await send(o.id, viewer.token)).statusCode).toBe(403);
  });

  it('answers 409 for a paid or cancelled order, 409 for a client without email', async () => {
    await saveNotificationsSettings(ctx, admin.token, {
      paymentUrlTemplate: 'https://pay.example.com/{reference}',
    });
    const o = await order({ notify: false });
    const paid = await api('POST', `/orders/${o.id}/payments`, operator.token, {
      amount: o.totals.total,
      method: 'Carte bancaire',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const cancelled = await order({ notify: false });
    await moveTo(ctx, operator.token, cancelled.id, ['cancelled'], { notify: false });
    const silent = await order({ notify: false }, await clientWithoutEmail('Muet Paiement'));
    const before = await outboxCount(ctx);
    for (const id of [o.id, cancelled.id, silent.id]) {
      const res = await send(id);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('CONFLICT');
    }
    expect((await send(999_999)).statusCode).toBe(404);
    expect(await outboxCount(ctx)).toBe(before);
  });
});

describe('the order timeline', () => {
  it('merges the emails of the order (type email) after the change that queued them', async () => {
    const o = await order({ notify: true });
    await moveTo(ctx, operator.token, o.id, ['in_progress'], { notify: true });
    const queued = await events(ctx, viewer.token, o.id, true);
    expect(queued.map((e) => e.type)).toEqual(['created', 'email', 'status', 'email']);
    const rows = await outboxOfOrder(ctx, o.id);
    expect(queued.filter((e) => e.type === 'email')).toEqual(
      rows.map((r) =>
        expect.objectContaining({
          id: r.id,
          orderId: o.id,
          actorLabel: client.email,
          comment: null,
          data: expect.objectContaining({
            notificationId: r.id,
            event: r.event,
            status: 'queued',
            to: client.email,
            recipientType: 'client',
            transport: 'local',
            sentAt: null,
          }),
        }),
      ),
    );
    await drain();
    const sent = (await events(ctx, viewer.token, o.id, true)).filter((e) => e.type === 'email');
    expect(sent.map((e) => [e.data.status, e.comment])).toEqual([
      ['sent', `Nous avons bien reçu votre commande — ${o.reference}`],
      ['sent', `Votre commande est en préparation — ${o.reference}`],
    ]);
    expect(Date.parse(String(sent[0]!.data.sentAt))).not.toBeNaN();
  });
});
