import { and, count, eq, like, or, sql, type SQL } from 'drizzle-orm';
import type { UsersListQuery } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema/users.ts';
import { cappedCount, DEFAULT_LIMIT, keyset, parseSort, toPage } from '../../lib/pagination.ts';
import { escapeLike } from '../../lib/search-text.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type UserPatch = Partial<
  Pick<UserRow, 'name' | 'role' | 'active' | 'locale' | 'passwordHash'>
>;

export function createUsersRepository(db: Executor) {
  // Read on every request (authentication, detail pages): prepared once, so the
  // SQL is not rebuilt each time.
  const byId = db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare();

  return {
    async findById(id: number, tx: Executor = db, opts: { forUpdate?: boolean } = {}) {
      if (tx === db && !opts.forUpdate) return (await byId.execute({ id }))[0];
      const q = tx.select().from(users).where(eq(users.id, id));
      const [row] = opts.forUpdate ? await q.for('update') : await q;
      return row;
    },

    async findByEmail(email: string) {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row;
    },

    async count() {
      const [row] = await db.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },

    /** Locks every active admin row so two demotions cannot both pass the last-admin check. */
    async lockActiveAdmins(tx: Executor) {
      return tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true)))
        .orderBy(users.id)
        .for('update');
    },

    async insert(row: NewUserRow, tx: Executor = db) {
      const [result] = await tx.insert(users).values(row);
      return result.insertId;
    },

    /** Conditional on the version read by the caller: 0 rows means it was stale. */
    async update(id: number, expectedVersion: number, patch: UserPatch, tx: Executor = db) {
      const [result] = await tx
        .update(users)
        .set({ ...patch, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(users.id, id), eq(users.version, expectedVersion)));
      return result.affectedRows;
    },

    async touchLastLogin(id: number) {
      await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
    },

    async list(query: UsersListQuery) {
      const term = query.q?.trim();
      const filters: (SQL | undefined)[] = [
        term
          ? or(
              like(users.name, `%${escapeLike(term)}%`),
              like(users.email, `%${escapeLike(term)}%`),
            )
          : undefined,
        query.role ? eq(users.role, query.role) : undefined,
        query.active === undefined ? undefined : eq(users.active, query.active),
      ];
      const where = and(...filters);
      const sort = parseSort<'name' | 'createdAt'>(query.sort, 'name');
      const column = sort.field === 'name' ? users.name : users.createdAt;
      const kind = sort.field === 'name' ? 'string' : 'date';
      const page = keyset(
        { column, id: users.id, descending: sort.descending, kind },
        query.cursor,
      );
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await db
        .select()
        .from(users)
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      const total = await cappedCount(db, users, where);
      return {
        ...toPage(rows, limit, (r) => [sort.field === 'name' ? r.name : r.createdAt, r.id]),
        total,
      };
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
