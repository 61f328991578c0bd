import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanySettings } from '@gestco/contract';
import {
  countRows,
  createDatabase,
  createTestContext,
  dropDatabase,
  TEST_SERVER_URL,
  type TestContext,
} from '../../test/harness.ts';
import { systemActor } from '../lib/request-context.ts';
import { createDb, createPool } from './client.ts';
import { insertRows } from './driver-sql.ts';
import { ensureDatabase, migrationsFolder, pendingMigrations, runMigrations } from './migrate.ts';
import { apiKeys, auditLog, settings } from './schema/index.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const company: CompanySettings = {
  name: 'Café Müller — « Œuvre » 🚀',
  addressLines: ['3 place du Marché'],
  postalCode: '67000',
  city: 'Strasbourg',
  country: 'FR',
  vatNumber: null,
  logoUrl: null,
  emailSenderName: 'Café Müller',
  emailSenderAddress: 'bonjour@cafe-muller.fr',
};

/** The stored text of a JSON column, and what the server thinks of it. */
async function rawJson(table: string, column: string, where: string, params: unknown[]) {
  const [row] = await ctx.query<{ raw: unknown; valid: number | null; type: string | null }>(
    `SELECT \`${column}\` AS raw, JSON_VALID(\`${column}\`) AS valid, JSON_TYPE(\`${column}\`) AS type FROM \`${table}\` WHERE ${where}`,
    params,
  );
  return row!;
}

async function journalEntries() {
  const journal = JSON.parse(
    await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  );
  return (journal.entries as unknown[]).length;
}

describe('JSON columns', () => {
  it('read settings.value back as an object, stored as valid JSON text', async () => {
    await ctx.app.services.settingsService.update(systemActor(), 'company', 1, company);
    const [row] = await ctx.db.db.select().from(settings).where(eq(settings.section, 'company'));
    expect(typeof row?.value).toBe('object');
    expect(Array.isArray(row?.value)).toBe(false);
    expect(row?.value).toEqual(company);

    const relational = await ctx.db.db.query.settings.findFirst({
      where: eq(settings.section, 'company'),
    });
    expect(relational?.value).toEqual(company);

    const raw = await rawJson('settings', 'value', "section = 'company'", []);
    expect(typeof raw.raw).toBe('string');
    expect(Number(raw.valid)).toBe(1);
    expect(raw.type).toBe('OBJECT');
    expect(JSON.parse(raw.raw as string)).toEqual(company);
  });

  it('read api_keys.scopes back as an array', async () => {
    const { apiKey } = await ctx.app.services.apiKeysService.create(systemActor(), {
      name: 'Scopes',
      scopes: ['write', 'read'],
    });
    const [row] = await ctx.db.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(Array.isArray(row?.scopes)).toBe(true);
    expect(row?.scopes).toEqual(['read', 'write']);

    const raw = await rawJson('api_keys', 'scopes', 'id = ?', [apiKey.id]);
    expect(typeof raw.raw).toBe('string');
    expect(Number(raw.valid)).toBe(1);
    expect(raw.type).toBe('ARRAY');
    expect(JSON.parse(raw.raw as string)).toEqual(['read', 'write']);
  });

  it('read audit_log.before/after back as objects, and SQL NULL as null', async () => {
    const before = { name: 'Old', tags: ['a', 'b'], nested: { n: 1, ok: true, none: null } };
    const after = { name: 'New', tags: [], nested: { n: 2.5, ok: false, none: null } };
    await ctx.app.services.auditService.record(systemActor('db-test'), {
      action: 'probe.change',
      entity: 'probe',
      entityId: 'json-1',
      before,
      after,
    });
    await ctx.app.services.auditService.record(systemActor('db-test'), {
      action: 'probe.create',
      entity: 'probe',
      entityId: 'json-2',
      after: { created: true },
    });

    const [changed] = await ctx.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, 'json-1'));
    expect(changed?.before).toEqual(before);
    expect(changed?.after).toEqual(after);
    for (const column of ['before', 'after']) {
      const raw = await rawJson('audit_log', column, 'entity_id = ?', ['json-1']);
      expect(typeof raw.raw).toBe('string');
      expect(Number(raw.valid)).toBe(1);
      expect(raw.type).toBe('OBJECT');
    }

    const [created] = await ctx.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, 'json-2'));
    expect(created?.before).toBeNull();
    expect(created?.after).toEqual({ created: true });
    // No value is SQL NULL, not the JSON text "null".
    const raw = await rawJson('audit_log', 'before', 'entity_id = ?', ['json-2']);
    expect(raw.raw).toBeNull();
  });

  it('does not parse JSON-looking strings a second time', async () => {
    const after = {
      note: '{"a":1}',
      list: '[1,2]',
      number: '42',
      flag: 'true',
      nothing: 'null',
      quoted: '"x"',
    };
    await ctx.app.services.auditService.record(systemActor('db-test'), {
      action: 'probe.note',
      entity: 'probe',
      entityId: 'json-3',
      after,
    });
    const [row] = await ctx.db.db.select().from(auditLog).where(eq(auditLog.entityId, 'json-3'));
    expect(row?.after).toEqual(after);
    expect(typeof row?.after?.['note']).toBe('string');

    const listed = await ctx.app.services.auditService.list({
      entity: 'probe',
      entityId: 'json-3',
    });
    expect(listed.items[0]?.after).toEqual(after);

    const raw = await rawJson('audit_log', 'after', 'entity_id = ?', ['json-3']);
    expect(JSON.parse(raw.raw as string)).toEqual(after);
  });

  it('keeps non-ASCII text intact (utf8mb4)', async () => {
    const read = await ctx.app.services.settingsService.get('company');
    expect(read.name).toBe('Café Müller — « Œuvre » 🚀');
  });
});

describe('datetime columns', () => {
  it('use a UTC session on every pooled connection', async () => {
    const rows = await Promise.all(
      Array.from({ length: 5 }, () =>
        ctx.query<{ tz: string; conn: number }>(
          'SELECT @@session.time_zone AS tz, CONNECTION_ID() AS conn, SLEEP(0.1) AS s',
        ),
      ),
    );
    const zones = rows.map(([r]) => r!.tz);
    expect(zones).toEqual(Array(5).fill('+00:00'));
    expect(new Set(rows.map(([r]) => r!.conn)).size).toBeGreaterThan(1);
  });

  it('are declared with millisecond precision', async () => {
    const columns = await ctx.query<{ table: string; column: string; precision: number }>(
      `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`, DATETIME_PRECISION AS \`precision\`
         FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'datetime' AND TABLE_NAME <> '__drizzle_migrations'`,
    );
    expect(columns.length).toBeGreaterThanOrEqual(10);
    expect(columns.filter((c) => Number(c.precision) !== 3)).toEqual([]);
  });

  it('round-trip an instant in UTC with milliseconds', async () => {
    const expiresAt = '2031-05-06T07:08:09.123Z';
    const { apiKey } = await ctx.app.services.apiKeysService.create(systemActor(), {
      name: 'Dated',
      scopes: ['read'],
      expiresAt,
    });
    expect(apiKey.expiresAt).toBe(expiresAt);

    const [row] = await ctx.db.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.expiresAt?.toISOString()).toBe(expiresAt);

    const [stored] = await ctx.query<{ text: string }>(
      "SELECT DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s.%f') AS text FROM api_keys WHERE id = ?",
      [apiKey.id],
    );
    expect(stored?.text).toBe('2031-05-06 07:08:09.123000');
  });

  it('read text written in SQL as UTC', async () => {
    await ctx.query(
      "INSERT INTO audit_log (actor_type, actor_label, action, entity, entity_id, created_at) VALUES ('system', 'sql', 'probe.time', 'probe', 'time-1', '2021-06-30 23:59:59.999')",
    );
    const [row] = await ctx.db.db.select().from(auditLog).where(eq(auditLog.entityId, 'time-1'));
    expect(row?.createdAt.toISOString()).toBe('2021-06-30T23:59:59.999Z');
  });

  it('default to the current UTC time, with milliseconds', async () => {
    const start = Date.now();
    await ctx.app.services.auditService.record(systemActor('db-test'), {
      action: 'probe.now',
      entity: 'probe',
      entityId: 'now-1',
    });
    const [row] = await ctx.db.db.select().from(auditLog).where(eq(auditLog.entityId, 'now-1'));
    expect(Math.abs(row!.createdAt.getTime() - start)).toBeLessThan(5_000);
    const [drift] = await ctx.query<{ ms: number }>(
      "SELECT TIMESTAMPDIFF(MICROSECOND, created_at, UTC_TIMESTAMP(3)) / 1000 AS ms FROM audit_log WHERE entity_id = 'now-1'",
    );
    expect(Math.abs(Number(drift?.ms))).toBeLessThan(5_000);
  });

  it('round-trip the same instant whatever the process time zone', async () => {
    const previous = process.env['TZ'];
    process.env['TZ'] = 'Pacific/Auckland';
    try {
      expect(new Date('2030-01-01T00:00:00.000Z').getTimezoneOffset()).not.toBe(0);
      const expiresAt = '2030-01-01T00:00:00.456Z';
      const { apiKey } = await ctx.app.services.apiKeysService.create(systemActor(), {
        name: 'Zoned',
        scopes: ['read'],
        expiresAt,
      });
      const [row] = await ctx.db.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
      expect(row?.expiresAt?.toISOString()).toBe(expiresAt);
      const [stored] = await ctx.query<{ text: string; asDate: Date }>(
        "SELECT DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s.%f') AS text, expires_at AS asDate FROM api_keys WHERE id = ?",
        [apiKey.id],
      );
      expect(stored?.text).toBe('2030-01-01 00:00:00.456000');
      expect(stored?.asDate.toISOString()).toBe(expiresAt);
    } finally {
      if (previous === undefined) delete process.env['TZ'];
      else process.env['TZ'] = previous;
    }
  });
});

describe('ensureDatabase', () => {
  it('creates a missing database in utf8mb4 and is idempotent, keeping its data', async () => {
    const name = `gestco_t_${process.pid}_ens_${randomBytes(3).toString('hex')}`;
    const url = `${TEST_SERVER_URL.replace(/\/$/, '')}/${name}`;
    const schemaOf = () =>
      ctx.query<{ charset: string; collation: string }>(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [name],
      );
    expect(await schemaOf()).toEqual([]);
    try {
      await ensureDatabase(url);
      expect(await schemaOf()).toEqual([{ charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' }]);

      const handle = createDb(url, 1);
      try {
        await handle.pool.query('CREATE TABLE kept (id INT PRIMARY KEY)');
        await handle.pool.query('INSERT INTO kept VALUES (7)');
        await ensureDatabase(url);
        await ensureDatabase(url);
        const [rows] = await handle.pool.query('SELECT id FROM kept');
        expect(rows).toEqual([{ id: 7 }]);
      } finally {
        await handle.close();
      }
      expect(await schemaOf()).toHaveLength(1);
    } finally {
      await dropDatabase(name);
    }
  });

  it('refuses a database name that is not plain letters, digits and underscores', async () => {
    const name = `gestco_t_${process.pid}_bad`;
    await expect(ensureDatabase(`${TEST_SERVER_URL}/${name}%60%3B%20DROP`)).rejects.toThrow(
      /Invalid database name/,
    );
    await expect(ensureDatabase(`${TEST_SERVER_URL}/`)).rejects.toThrow(/Invalid database name/);
    const found = await ctx.query(
      'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
      [`${name}%`],
    );
    expect(found).toEqual([]);
  });
});

describe('migrations', () => {
  it('migrate an empty database, report 0 pending, and run again harmlessly', async () => {
    const { name, db } = await createDatabase(false);
    try {
      const tables = async () =>
        (
          await db.pool.query(
            'SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY t',
          )
        )[0] as { t: string }[];
      expect(await tables()).toEqual([]);

      await runMigrations(db.db);
      expect(await pendingMigrations(db.db)).toBe(0);
      const created = (await tables()).map((r) => r.t);
      expect(created).toEqual(
        expect.arrayContaining([
          '__drizzle_migrations',
          'api_keys',
          'audit_log',
          'refresh_tokens',
          'settings',
          'users',
        ]),
      );

      await db.pool.query(
        'INSERT INTO settings (section, value, version, updated_at) VALUES (\'general\', \'{"timeZone":"UTC"}\', 5, UTC_TIMESTAMP(3))',
      );
      await runMigrations(db.db);
      await runMigrations(db.db);
      expect(await pendingMigrations(db.db)).toBe(0);
      expect((await tables()).map((r) => r.t)).toEqual(created);
      const [applied] = (
        await db.pool.query('SELECT COUNT(*) AS n FROM __drizzle_migrations')
      )[0] as { n: number }[];
      expect(Number(applied?.n)).toBe(await journalEntries());
      const [kept] = (
        await db.pool.query("SELECT version FROM settings WHERE section = 'general'")
      )[0] as { version: number }[];
      expect(kept?.version).toBe(5);

      // pendingMigrations can see what is missing: forget the record and it counts every migration again.
      await db.pool.query('DELETE FROM __drizzle_migrations');
      expect(await pendingMigrations(db.db)).toBe(await journalEntries());
    } finally {
      await db.close();
      await dropDatabase(name);
    }
  });

  it('leave the migrated test database at 0 pending after a second run', async () => {
    const users = await countRows(ctx, 'users');
    await runMigrations(ctx.db.db);
    expect(await pendingMigrations(ctx.db.db)).toBe(0);
    expect(await countRows(ctx, '__drizzle_migrations')).toBe(await journalEntries());
    expect(await countRows(ctx, 'users')).toBe(users);
  });
});

describe('insertRows (hand-built INSERT of the hot paths)', () => {
  it('writes rows as drizzle would: JSON mapped, absent values to DEFAULT, null kept, in a transaction', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const ids = await ctx.db.db.transaction(async (tx) => {
      const first = await insertRows(tx, auditLog, [
        {
          actorType: 'system',
          actorLabel: 'insertRows',
          action: 'test.one',
          entity: 'test',
          after: { label: 'Œuvre « 1 »', nested: { n: 1 } },
          createdAt: at,
        },
        {
          actorType: 'system',
          actorLabel: 'insertRows',
          action: 'test.two',
          entity: 'test',
          after: null,
        },
      ]);
      return [first.insertId, first.affectedRows];
    });
    expect(ids[1]).toBe(2);
    const rows = await ctx.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorLabel, 'insertRows'))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(['test.one', 'test.two']);
    expect(rows[0]!.id).toBe(ids[0]);
    expect(rows[0]!.after).toEqual({ label: 'Œuvre « 1 »', nested: { n: 1 } });
    expect(rows[0]!.createdAt.toISOString()).toBe(at.toISOString());
    expect(rows[1]!.after).toBeNull();
    // No createdAt given: the column's DEFAULT (now), not an empty or zero date.
    expect(Math.abs(rows[1]!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('rolls back with the transaction it was given', async () => {
    await expect(
      ctx.db.db.transaction(async (tx) => {
        await insertRows(tx, auditLog, [
          { actorType: 'system', actorLabel: 'rolled back', action: 'test.rb', entity: 'test' },
        ]);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const [row] = await ctx.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE actor_label = 'rolled back'",
    );
    expect(Number(row?.n)).toBe(0);
  });

  it('refuses a key the table does not have, and an empty batch', async () => {
    await expect(
      insertRows(ctx.db.db, auditLog, [
        { actorType: 'system', actorLabel: 'x', action: 'x', entity: 'x', nope: 1 } as never,
      ]),
    ).rejects.toThrow('has no column for "nope"');
    await expect(insertRows(ctx.db.db, auditLog, [])).rejects.toThrow('at least one row');
  });
});

describe('reads through drizzle (dates as text from mysql2, no typeCast callback)', () => {
  it('give the same rows as drizzle over a plain pool, in and out of transactions', async () => {
    const at = new Date('2025-12-31T23:59:59.999Z');
    const { insertId } = await insertRows(ctx.db.db, auditLog, [
      {
        actorType: 'system',
        actorLabel: 'dates',
        action: 'test.dates',
        entity: 'test',
        after: { a: [1] },
        createdAt: at,
      },
    ]);
    const plainPool = createPool(ctx.databaseUrl, 1);
    try {
      const plain = drizzle(plainPool, { mode: 'default' });
      const read = (db: Pick<typeof plain, 'select'>) =>
        db
          .select()
          .from(auditLog)
          .where(eq(auditLog.id, sql.placeholder('id')))
          .prepare();
      const [expected] = await read(plain).execute({ id: insertId });
      const [viaApp] = await read(ctx.db.db).execute({ id: insertId });
      const [inTransaction] = await ctx.db.db.transaction((tx) =>
        tx.select().from(auditLog).where(eq(auditLog.id, insertId)),
      );
      expect(viaApp).toEqual(expected);
      expect(inTransaction).toEqual(expected);
      expect(viaApp!.createdAt.toISOString()).toBe(at.toISOString());
      expect(viaApp!.after).toEqual({ a: [1] });
    } finally {
      await plainPool.end();
    }
  });
});
