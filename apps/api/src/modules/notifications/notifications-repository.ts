import { and, asc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { NotificationsListQuery } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { insertRows } from '../../db/driver-sql.ts';
import { notificationTemplates, notifications } from '../../db/schema/notifications.ts';
import { orders } from '../../db/schema/orders.ts';
import { users } from '../../db/schema/users.ts';
import { DEFAULT_LIMIT, cappedCount, keyset, toPage } from '../../lib/pagination.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
export type TemplateRow = typeof notificationTemplates.$inferSelect;

export function createNotificationsRepository(db: Executor) {
  return {
    async insertMany(rows: NewNotificationRow[], tx: Executor) {
      if (rows.length > 0) await insertRows(tx, notifications, rows);
    },

    /**
     * Claims up to `limit` due rows for `worker`: rows whose lease ran out (a
     * worker died mid-send), then queued rows whose time has come. SKIP LOCKED
     * lets several workers claim side by side without waiting for or taking
     * each other's rows.
     *
     * One ordered index range per status, so LIMIT stops the scan: with
     * `status IN ('queued', 'sending')` the server sorts (and locks) every due
     * row, and a second worker claiming meanwhile finds nothing or deadlocks.
     * READ COMMITTED takes no gap locks, so one worker's UPDATE never waits
     * for another's scan.
     */
    async claim(worker: string, limit: number, leaseMs: number, now = new Date()) {
      return db.transaction(
        async (tx) => {
          const pick = (status: 'queued' | 'sending', n: number) =>
            tx
              .select({ id: notifications.id })
              .from(notifications)
              .where(and(eq(notifications.status, status), lte(notifications.nextAttemptAt, now)))
              .orderBy(asc(notifications.nextAttemptAt), asc(notifications.id))
              .limit(n)
              .for('update', { skipLocked: true });
          const due = await pick('sending', limit);
          if (due.length < limit) due.push(...(await pick('queued', limit - due.length)));
          const ids = due.map((r) => r.id);
          if (ids.length === 0) return [];
          const leaseUntil = new Date(now.getTime() + leaseMs);
          await tx
            .update(notifications)
            .set({
              status: 'sending',
              claimedBy: worker,
              leaseUntil,
              // A claimed row is not due again before its lease ends.
              nextAttemptAt: leaseUntil,
              attempts: sql`${notifications.attempts} + 1`,
              updatedAt: now,
            })
            .where(inArray(notifications.id, ids));
          return tx.select().from(notifications).where(inArray(notifications.id, ids));
        },
        { isolationLevel: 'read committed' },
      );
    },

    /** Records the outcome, only if this worker still holds the claim. */
    async finish(id: number, worker: string, patch: Partial<NewNotificationRow>) {
      const [result] = await db
        .update(notifications)
        .set({ ...patch, leaseUntil: null, updatedAt: new Date() })
        .where(and(eq(notifications.id, id), eq(notifications.claimedBy, worker)));
      return result.affectedRows;
    },

    async saveRendered(
      id: number,
      worker: string,
      rendered: { subject: string; html: string; text: string },
    ) {
      await db
        .update(notifications)
        .set({ subject: rendered.subject.slice(0, 300), html: rendered.html, text: rendered.text })
        .where(and(eq(notifications.id, id), eq(notifications.claimedBy, worker)));
    },

    async setOrderReference(orderId: number, reference: string, tx: Executor) {
      await tx
        .update(notifications)
        .set({ payload: sql`json_set(${notifications.payload}, '$.reference', ${reference})` })
        .where(eq(notifications.orderId, orderId));
    },

    /** Active admins: staff recipients of order emails when settings ask for them. */
    async activeAdmins(tx: Executor = db) {
      return tx
        .select({ email: users.email, name: users.name })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true)));
    },

    /** The assigned operator, if still active. */
    async activeUser(id: number, tx: Executor = db) {
      return tx
        .select({ email: users.email, name: users.name })
        .from(users)
        .where(and(eq(users.id, id), eq(users.active, true)));
    },

    async findById(id: number) {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
      return row;
    },

    async retry(id: number) {
      const [result] = await db
        .update(notifications)
        .set({
          status: 'queued',
          nextAttemptAt: new Date(),
          attempts: 0,
          lastError: null,
          claimedBy: null,
          updatedAt: new Date(),
        })
        .where(and(eq(notifications.id, id), eq(notifications.status, 'failed')));
      return result.affectedRows;
    },

    async list(query: NotificationsListQuery) {
      const where: SQL | undefined = and(
        query.orderId ? eq(notifications.orderId, query.orderId) : undefined,
        query.clientId ? eq(notifications.clientId, query.clientId) : undefined,
        query.status ? eq(notifications.status, query.status) : undefined,
        query.event ? eq(notifications.event, query.event) : undefined,
        query.transport ? eq(notifications.transport, query.transport) : undefined,
        query.createdFrom ? gte(notifications.createdAt, new Date(query.createdFrom)) : undefined,
        query.createdTo ? lte(notifications.createdAt, new Date(query.createdTo)) : undefined,
      );
      const page = keyset(
        { column: notifications.createdAt, id: notifications.id, descending: true, kind: 'date' },
        query.cursor,
      );
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await db
        .select({ n: notifications, reference: orders.reference })
        .from(notifications)
        .leftJoin(orders, eq(orders.id, notifications.orderId))
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      const total =
        !query.cursor && rows.length <= limit
          ? rows.length
          : await cappedCount(db, notifications, where);
      return { ...toPage(rows, limit, (r) => [r.n.createdAt, r.n.id]), total };
    },

    async forOrder(orderId: number) {
      return db
        .select()
        .from(notifications)
        .where(eq(notifications.orderId, orderId))
        .orderBy(asc(notifications.id))
        .limit(500);
    },

    async counts() {
      const rows = await db
        .select({ status: notifications.status, n: sql<number>`count(*)`.mapWith(Number) })
        .from(notifications)
        .where(inArray(notifications.status, ['queued', 'failed']))
        .groupBy(notifications.status);
      return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
    },

    templates: {
      async all() {
        return db.select().from(notificationTemplates);
      },
      async find(event: TemplateRow['event'], language: TemplateRow['language']) {
        const [row] = await db
          .select()
          .from(notificationTemplates)
          .where(
            and(
              eq(notificationTemplates.event, event),
              eq(notificationTemplates.language, language),
            ),
          );
        return row;
      },
      async insert(row: typeof notificationTemplates.$inferInsert) {
        await db.insert(notificationTemplates).values(row);
      },
      async update(
        id: number,
        version: number,
        patch: Partial<typeof notificationTemplates.$inferInsert>,
      ) {
        const [result] = await db
          .update(notificationTemplates)
          .set({
            ...patch,
            updatedAt: new Date(),
            version: sql`${notificationTemplates.version} + 1`,
          })
          .where(and(eq(notificationTemplates.id, id), eq(notificationTemplates.version, version)));
        return result.affectedRows;
      },
      async remove(id: number) {
        await db.delete(notificationTemplates).where(eq(notificationTemplates.id, id));
      },
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
