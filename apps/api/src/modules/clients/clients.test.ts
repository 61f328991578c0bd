import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';

let ctx: TestContext;
let operator: TestUser;
let viewer: TestUser;
let manager: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  operator = await ctx.createUser('operator', { name: 'Olivia Opératrice' });
  viewer = await ctx.createUser('viewer');
  manager = await ctx.createUser('manager');
});
afterAll(() => ctx.close());

let seq = 0;
const create = (payload: Record<string, unknown>, token = operator.token) =>
  ctx.inject({ method: 'POST', url: '/api/v1/clients', token, payload });
const uniquePhone = () =>
  `06 ${String(10 + (seq++ % 89)).padStart(2, '0')} ${String(Math.floor(Math.random() * 90) + 10)} ${String(Math.floor(Math.random() * 90) + 10)} ${String(Math.floor(Math.random() * 90) + 10)}`;
const list = (query: string, token = operator.token) =>
  ctx.inject({ method: 'GET', url: `/api/v1/clients?${query}`, token });

describe('POST /api/v1/clients', () => {
  it('creates a client with a generated code, E.164 phone, lower-cased email, discount in basis points', async () => {
    const res = await create({
      name: 'Boulangerie Éclair',
      kind: 'company',
      email: 'Contact@Eclair.FR',
      phone: '06 12 34 56 78',
      vatNumber: 'fr 40 303 265 045',
      contactPerson: 'Émile Durand',
      address: { line1: '3 rue du Four', postalCode: '69002', city: 'Lyon', country: 'FR' },
      status: 'prospect',
      temperature: 'hot',
      discountRate: '12.5',
      tags: ['boulangerie', 'lyon'],
      note: { text: 'Premier contact au salon.', priority: 'medium' },
    });
    expect(res.statusCode).toBe(201);
    const client = res.json();
    expect(client).toMatchObject({
      name: 'Boulangerie Éclair',
      email: 'contact@eclair.fr',
      phone: '+33612345678',
      phoneNational: '06 12 34 56 78',
      vatNumber: 'FR40303265045',
      status: 'prospect',
      temperature: 'hot',
      discountRate: '12.50',
      currency: 'EUR',
      language: 'fr',
      archived: false,
      version: 1,
      createdBy: operator.id,
    });
    expect(client.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(client.lastNote).toMatchObject({
      text: 'Premier contact au salon.',
      priority: 'medium',
    });
    const [row] = await ctx.query<{ discount_bp: number }>(
      'SELECT discount_bp FROM clients WHERE id = ?',
      [client.id],
    );
    expect(row?.discount_bp).toBe(1250);
    const audit = await ctx.query(
      "SELECT * FROM audit_log WHERE action = 'client.create' AND entity_id = ?",
      [String(client.id)],
    );
    expect(audit).toHaveLength(1);
  });

  it('answers 409 DUPLICATE_CLIENT with the existing id when the email or phone is taken', async () => {
    const first = (
      await create({ name: 'Dup SARL', email: 'dup@client.fr', phone: '+33 7 11 22 33 44' })
    ).json();
    const before = await countRows(ctx, 'clients');
    const byEmail = await create({ name: 'Other', email: 'DUP@client.fr' });
    expect(byEmail.statusCode).toBe(409);
    expect(byEmail.json()).toMatchObject({ code: 'DUPLICATE_CLIENT', existingId: first.id });
    expect(byEmail.json().errors[0].path).toBe('/email');
    const byPhone = await create({ name: 'Other', phone: '07 11 22 33 44' });
    expect(byPhone.statusCode).toBe(409);
    expect(byPhone.json()).toMatchObject({ code: 'DUPLICATE_CLIENT', existingId: first.id });
    expect(byPhone.json().errors[0].path).toBe('/phone');
    expect(await countRows(ctx, 'clients')).toBe(before);
  });

  it('allows the email of an archived client to be reused, and refuses to unarchive the old one then', async () => {
    const old = (await create({ name: 'Ancien', email: 'reuse@client.fr' })).json();
    const archived = await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${old.id}/archive`,
      token: operator.token,
      payload: { version: old.version },
    });
    expect(archived.json().archived).toBe(true);
    const fresh = await create({ name: 'Nouveau', email: 'reuse@client.fr' });
    expect(fresh.statusCode).toBe(201);
    const back = await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${old.id}/unarchive`,
      token: operator.token,
      payload: { version: archived.json().version },
    });
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ code: 'DUPLICATE_CLIENT', existingId: fresh.json().id });
  });

  it.each([
    [{ name: 'X', email: 'not-an-email' }, '/email'],
    [{ name: 'X', phone: '12' }, '/phone'],
    [{ name: 'X', phone: '06 12 34' }, '/phone'],
    [{ name: 'X', discountRate: '100.01' }, '/discountRate'],
    [{ name: 'X', discountRate: '-1' }, '/discountRate'],
    [{ name: 'X', discountRate: '12.345' }, '/discountRate'],
    [{ name: 'X', discountRate: 12 }, '/discountRate'],
    [{ name: 'X', currency: 'XYZ' }, '/currency'],
    [{ name: 'X', currency: 'euro' }, '/currency'],
    [{ name: 'X', language: 'de' }, '/language'],
    [{ name: 'X'.repeat(161) }, '/name'],
    [{ name: '   ' }, '/name'],
    [{ name: 'X', vatNumber: 'FR12345678901' }, '/vatNumber'],
    [{ name: 'X', vatNumber: 'DE12345' }, '/vatNumber'],
    [{ name: 'X', status: 'lead' }, '/status'],
    [{ name: 'X', temperature: 'tepid' }, '/temperature'],
    [{ name: 'X', address: { country: 'France' } }, '/address/country'],
    [{ name: 'X', tags: ['a', 'a'] }, '/tags'],
    [{ name: 'X', isVip: true }, '/isVip'],
    [{}, '/name'],
  ])('refuses %j naming %s, and creates nothing', async (payload, path) => {
    const before = await countRows(ctx, 'clients');
    const res = await create(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await countRows(ctx, 'clients')).toBe(before);
  });

  it('lets a viewer read but not write (403), and needs a token (401)', async () => {
    expect((await create({ name: 'Nope' }, viewer.token)).statusCode).toBe(403);
    expect((await list('', viewer.token)).statusCode).toBe(200);
    expect((await ctx.inject({ method: 'GET', url: '/api/v1/clients' })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/clients (search)', () => {
  let target: { id: number; code: string };
  beforeAll(async () => {
    target = (
      await create({
        name: 'Hélène Lefèvre',
        kind: 'individual',
        email: 'helene.lefevre@exemple.fr',
        phone: '06 98 76 54 32',
        status: 'prospect',
        temperature: 'cold',
        tags: ['vip'],
      })
    ).json();
    await create({
      name: 'Garage Müller',
      email: 'muller@garage.de',
      phone: '+49 30 1234567',
      status: 'current',
      temperature: 'hot',
      address: { country: 'DE' },
    });
  });

  it.each([
    ['q=helene', 'name without accents'],
    ['q=LEFÈVRE', 'name in capitals with accents'],
    ['q=hel%C3%A8ne%20lef', 'two word prefixes'],
    ['q=helene.lefevre%40exemple.fr', 'email'],
    ['q=06%2098%2076%2054%2032', 'phone as typed nationally'],
    ['q=%2B33698765432', 'phone in E.164'],
    ['q=0698', 'start of a phone number'],
    ['q=0033%206%2098', 'international prefix 00'],
  ])('finds the client by %s (%s)', async (query) => {
    const res = await list(query);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { id: number }) => c.id)).toContain(target.id);
  });

  it('reads a nationally typed number with the default country from the settings', async () => {
    const admin = await ctx.createUser('admin');
    const setDefaultCountry = async (country: string) => {
      const { general } = (
        await ctx.inject({ method: 'GET', url: '/api/v1/settings', token: admin.token })
      ).json();
      const res = await ctx.inject({
        method: 'PUT',
        url: '/api/v1/settings/general',
        token: admin.token,
        payload: { version: general.version, value: { ...general.value, defaultCountry: country } },
      });
      expect(res.statusCode).toBe(200);
    };
    const belgian = (
      await create({ name: 'Chocolaterie Bruxelloise', phone: '+32 470 99 88 77' })
    ).json();
    expect((await list('q=0470%2099%2088')).json().total).toBe(0);
    await setDefaultCountry('BE');
    try {
      expect(
        (await list('q=0470%2099%2088')).json().items.map((c: { id: number }) => c.id),
      ).toEqual([belgian.id]);
    } finally {
      await setDefaultCountry('FR');
    }
  });

  it('finds by client code, case-insensitively', async () => {
    const res = await list(`q=${target.code.toLowerCase()}`);
    expect(res.json().items.map((c: { id: number }) => c.id)).toContain(target.id);
  });

  it('does not find what does not match', async () => {
    const res = await list('q=zzzyyyxxx');
    expect(res.json()).toMatchObject({ items: [], total: 0, nextCursor: null });
  });

  it('filters by status, temperature, tag and has-orders', async () => {
    const prospects = (await list('status=prospect')).json().items;
    expect(prospects.length).toBeGreaterThan(0);
    expect(prospects.every((c: { status: string }) => c.status === 'prospect')).toBe(true);
    const cold = (await list('temperature=cold')).json().items.map((c: { id: number }) => c.id);
    expect(cold).toContain(target.id);
    const vip = (await list('tag=vip')).json().items.map((c: { id: number }) => c.id);
    expect(vip).toEqual([target.id]);
    expect((await list('hasOrders=true')).json().total).toBe(0);
    expect((await list('status=lead')).statusCode).toBe(400);
  });

  it('pages with a keyset cursor, sorted by name, without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      seen.push(...body.items.map((c: { id: number }) => c.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const total = (await list('limit=100')).json();
    expect(seen).toEqual(total.items.map((c: { id: number }) => c.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(total.total).toBe(seen.length);
  });

  it('hides archived clients unless asked', async () => {
    const gone = (await create({ name: 'Zeta Archivée' })).json();
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${gone.id}/archive`,
      token: operator.token,
      payload: { version: 1 },
    });
    expect((await list('q=zeta')).json().total).toBe(0);
    expect((await list('q=zeta&archived=true')).json().items[0].id).toBe(gone.id);
  });
});

describe('GET /api/v1/clients/lookup', () => {
  it('finds the active client from a number typed in any format', async () => {
    const client = (await create({ name: 'Lookup SAS', phone: '+33 4 72 00 11 22' })).json();
    for (const phone of [
      '04 72 00 11 22',
      '0472001122',
      '+33472001122',
      '0033 4 72 00 11 22',
      '04.72.00.11.22',
    ]) {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/clients/lookup?phone=${encodeURIComponent(phone)}`,
        token: viewer.token,
      });
      expect(res.statusCode, phone).toBe(200);
      expect(res.json().id).toBe(client.id);
    }
  });

  it('finds a client by code (flashcode), case-insensitively', async () => {
    const client = (await create({ name: 'Code Lookup' })).json();
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/clients/lookup?code=${client.code.toLowerCase()}`,
      token: viewer.token,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(client.id);
    const missing = await ctx.inject({
      method: 'GET',
      url: '/api/v1/clients/lookup?code=NOPE99',
      token: viewer.token,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('needs exactly one of phone or code', async () => {
    for (const query of ['', '?phone=0612345678&code=ABC123']) {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/clients/lookup${query}`,
        token: viewer.token,
      });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].path).toBe('/querystring');
    }
  });

  it('answers 404 for an unknown number and 400 for something that is not a number', async () => {
    const unknown = await ctx.inject({
      method: 'GET',
      url: '/api/v1/clients/lookup?phone=0611111111',
      token: operator.token,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CLIENT_NOT_FOUND');
    const bad = await ctx.inject({
      method: 'GET',
      url: '/api/v1/clients/lookup?phone=abcdef',
      token: operator.token,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/querystring/phone');
  });
});

describe('PATCH /api/v1/clients/:id', () => {
  it('updates with the current version, re-normalises the phone, audits before/after', async () => {
    const client = (await create({ name: 'Patch Me', phone: uniquePhone() })).json();
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      token: operator.token,
      payload: { version: 1, phone: '+32 470 12 34 56', temperature: 'hot', discountRate: '5' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      phone: '+32470123456',
      temperature: 'hot',
      discountRate: '5.00',
      version: 2,
    });
    const [audit] = await ctx.query<{ before: string; after: string }>(
      "SELECT `before`, `after` FROM audit_log WHERE action = 'client.update' AND entity_id = ?",
      [String(client.id)],
    );
    expect(JSON.parse(audit!.after)).toMatchObject({ phone: '+32470123456' });
    expect(JSON.parse(audit!.before).phone).toBe(client.phone);
  });

  it('answers 409 on a stale version and changes nothing', async () => {
    const client = (await create({ name: 'Stale Client' })).json();
    await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      token: operator.token,
      payload: { version: 1, name: 'Fresh Client' },
    });
    const stale = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      token: operator.token,
      payload: { version: 1, name: 'Lost Update' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect(
      (
        await ctx.inject({
          method: 'GET',
          url: `/api/v1/clients/${client.id}`,
          token: operator.token,
        })
      ).json().name,
    ).toBe('Fresh Client');
  });

  it('refuses changes to an archived client (409 CLIENT_ARCHIVED) and unknown clients (404)', async () => {
    const client = (await create({ name: 'Archived Edit' })).json();
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/archive`,
      token: operator.token,
      payload: { version: 1 },
    });
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      token: operator.token,
      payload: { version: 2, name: 'X' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CLIENT_ARCHIVED');
    const missing = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/clients/999999',
      token: operator.token,
      payload: { version: 1, name: 'X' },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('POST /api/v1/clients/:id/convert', () => {
  it('makes a prospect current and records who and when', async () => {
    const prospect = (await create({ name: 'Prospect Convert', status: 'prospect' })).json();
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${prospect.id}/convert`,
      token: operator.token,
      payload: { version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'current', convertedBy: operator.id, version: 2 });
    expect(Date.parse(res.json().convertedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${prospect.id}/convert`,
      token: operator.token,
      payload: { version: 2 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CLIENT_NOT_PROSPECT');
    const audit = await ctx.query(
      "SELECT * FROM audit_log WHERE action = 'client.convert' AND entity_id = ?",
      [String(prospect.id)],
    );
    expect(audit).toHaveLength(1);
  });
});

describe('DELETE /api/v1/clients/:id', () => {
  it('is for managers and admins; deletes a client without orders', async () => {
    const client = (await create({ name: 'Delete Me' })).json();
    expect(
      (
        await ctx.inject({
          method: 'DELETE',
          url: `/api/v1/clients/${client.id}`,
          token: operator.token,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await ctx.inject({
          method: 'DELETE',
          url: `/api/v1/clients/${client.id}`,
          token: manager.token,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await ctx.inject({
          method: 'GET',
          url: `/api/v1/clients/${client.id}`,
          token: manager.token,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses to delete a client with orders (archive instead)', async () => {
    const client = (await create({ name: 'Has Orders' })).json();
    await ctx.query('UPDATE clients SET order_count = 2 WHERE id = ?', [client.id]);
    const res = await ctx.inject({
      method: 'DELETE',
      url: `/api/v1/clients/${client.id}`,
      token: manager.token,
    });
    expect(res.statusCode).toBe(409);
    expect(
      (
        await ctx.inject({
          method: 'GET',
          url: `/api/v1/clients/${client.id}`,
          token: manager.token,
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('/api/v1/clients/:id/notes', () => {
  it('lists notes high → medium → none, newest first within a priority', async () => {
    const client = (await create({ name: 'Notes Order' })).json();
    const add = (text: string, priority: string) =>
      ctx.inject({
        method: 'POST',
        url: `/api/v1/clients/${client.id}/notes`,
        token: operator.token,
        payload: { text, priority },
      });
    for (const [text, priority] of [
      ['n1', 'none'],
      ['m1', 'medium'],
      ['h1', 'high'],
      ['n2', 'none'],
      ['h2', 'high'],
      ['m2', 'medium'],
    ] as const) {
      expect((await add(text, priority)).statusCode).toBe(201);
    }
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/clients/${client.id}/notes`,
      token: viewer.token,
    });
    expect(res.json().items.map((n: { text: string }) => n.text)).toEqual([
      'h2',
      'h1',
      'm2',
      'm1',
      'n2',
      'n1',
    ]);
    expect(res.json().items[0]).toMatchObject({
      authorId: operator.id,
      authorName: 'Olivia Opératrice',
    });
    const card = (
      await ctx.inject({ method: 'GET', url: `/api/v1/clients/${client.id}`, token: viewer.token })
    ).json();
    expect(card.lastNote.text).toBe('m2');
  });

  it('edits with a version and deletes, both audited', async () => {
    const client = (await create({ name: 'Notes Edit' })).json();
    const note = (
      await ctx.inject({
        method: 'POST',
        url: `/api/v1/clients/${client.id}/notes`,
        token: operator.token,
        payload: { text: 'Rappeler lundi' },
      })
    ).json();
    expect(note.priority).toBe('none');
    const edited = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}/notes/${note.id}`,
      token: operator.token,
      payload: { version: 1, priority: 'high' },
    });
    expect(edited.json()).toMatchObject({ priority: 'high', text: 'Rappeler lundi', version: 2 });
    const stale = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}/notes/${note.id}`,
      token: operator.token,
      payload: { version: 1, text: 'x' },
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (
        await ctx.inject({
          method: 'DELETE',
          url: `/api/v1/clients/${client.id}/notes/${note.id}`,
          token: operator.token,
        })
      ).statusCode,
    ).toBe(204);
    const actions = (
      await ctx.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE entity = 'client_note' AND entity_id = ? ORDER BY id",
        [String(note.id)],
      )
    ).map((r) => r.action);
    expect(actions).toEqual(['client_note.create', 'client_note.update', 'client_note.delete']);
  });

  it('refuses notes on an archived client (409), an unknown client (404) or note of another client (404)', async () => {
    const client = (await create({ name: 'Notes Archived' })).json();
    const other = (await create({ name: 'Notes Other' })).json();
    const note = (
      await ctx.inject({
        method: 'POST',
        url: `/api/v1/clients/${other.id}/notes`,
        token: operator.token,
        payload: { text: 'x' },
      })
    ).json();
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/archive`,
      token: operator.token,
      payload: { version: 1 },
    });
    const before = await countRows(ctx, 'client_notes');
    const archived = await ctx.inject({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/notes`,
      token: operator.token,
      payload: { text: 'x' },
    });
    expect(archived.statusCode).toBe(409);
    expect(archived.json().code).toBe('CLIENT_ARCHIVED');
    const unknown = await ctx.inject({
      method: 'POST',
      url: '/api/v1/clients/999999/notes',
      token: operator.token,
      payload: { text: 'x' },
    });
    expect(unknown.statusCode).toBe(404);
    const wrongClient = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id + 100000}/notes/${note.id}`,
      token: operator.token,
      payload: { version: 1, text: 'y' },
    });
    expect(wrongClient.statusCode).toBe(404);
    expect(await countRows(ctx, 'client_notes')).toBe(before);
  });

  it('refuses empty, over-long or unprioritised notes, naming the field', async () => {
    const client = (await create({ name: 'Notes Bad' })).json();
    for (const [payload, path] of [
      [{ text: '' }, '/text'],
      [{ text: 'x'.repeat(5001) }, '/text'],
      [{ text: 'x', priority: 'urgent' }, '/priority'],
    ] as const) {
      const res = await ctx.inject({
        method: 'POST',
        url: `/api/v1/clients/${client.id}/notes`,
        token: operator.token,
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe(path);
    }
    expect(
      (
        await ctx.inject({
          method: 'POST',
          url: `/api/v1/clients/${client.id}/notes`,
          token: viewer.token,
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
