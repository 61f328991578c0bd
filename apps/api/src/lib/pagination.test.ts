import { sql } from 'drizzle-orm';
import { int, mysqlTable } from 'drizzle-orm/mysql-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { users } from '../db/schema/index.ts';
import { TOTAL_CAP, boundedCount, serverFlavour } from './pagination.ts';

let ctx: TestContext;
const countProbe = mysqlTable('count_probe', { i: int('i').primaryKey() });

beforeAll(async () => {
  ctx = await createTestContext();
  for (let i = 0; i < 3; i += 1) await ctx.createUser('viewer');
});
afterAll(() => ctx.close());

describe('boundedCount (docs/decisions/0016)', () => {
  it('knows the server flavour, asked once per handle', async () => {
    const [row] = await ctx.query<{ v: string }>('select version() as v');
    const flavour = await serverFlavour(ctx.db.db);
    expect(flavour).toBe(/mariadb/i.test(row!.v) ? 'mariadb' : 'mysql');
    expect(serverFlavour(ctx.db.db)).toBe(serverFlavour(ctx.db.db));
  });

  it('counts exactly within the budget, with or without a filter', async () => {
    const [row] = await ctx.query<{ n: number }>('select count(*) as n from users');
    expect(await boundedCount(ctx.db.db, users, undefined)).toBe(Number(row!.n));
    expect(await boundedCount(ctx.db.db, users, sql`${users.role} = 'viewer'`)).toBe(3);
    expect(await boundedCount(ctx.db.db, users, sql`${users.role} = 'nobody'`)).toBe(0);
  });

  it('says "10000+" past the cap, exact at it', async () => {
    await ctx.query('create table count_probe (i int not null primary key)');
    const values = Array.from({ length: TOTAL_CAP + 5 }, (_, i) => `(${i + 1})`).join(',');
    await ctx.query(`insert into count_probe (i) values ${values}`);
    expect(await boundedCount(ctx.db.db, countProbe, undefined, 5000)).toBe('10000+');
    expect(await boundedCount(ctx.db.db, countProbe, sql`${countProbe.i} > 5`, 5000)).toBe(
      TOTAL_CAP,
    );
  });

  it('answers null (not counted) when the count outlives its budget, and other errors still throw', async () => {
    // SLEEP per row: the statement cannot finish within 20 ms.
    const slow = sql`sleep(0.05) = 0`;
    const started = Date.now();
    expect(await boundedCount(ctx.db.db, users, slow, 20)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(boundedCount(ctx.db.db, users, sql`no_such_column = 1`)).rejects.toThrow();
    // The connection is usable afterwards (the limit was the statement's own, not the session's).
    expect(await boundedCount(ctx.db.db, users, sql`${users.role} = 'viewer'`)).toBe(3);
  });
});
