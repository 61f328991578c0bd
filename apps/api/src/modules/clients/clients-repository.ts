import {
  and,
  desc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  isNull,
  like,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { ClientsListQuery } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { clientNotes, clients } from '../../db/schema/clients.ts';
import { cappedCount, DEFAULT_LIMIT, keyset, parseSort, toPage } from '../../lib/pagination.ts';
import { e164Prefix, looksLikePhone } from '../../lib/phone.ts';
import { splitSearchTerms, escapeLike } from '../../lib/search-text.ts';

export type ClientRow = typeof clients.$inferSelect;
/** What the wire needs: the search and uniqueness helper columns stay in the database. */
export type ClientListRow = Omit<ClientRow, 'searchText' | 'activeEmail' | 'activePhone'>;
const {
  searchText: _searchText,
  activeEmail: _activeEmail,
  activePhone: _activePhone,
  ...listColumns
} = getTableColumns(clients);
export type NewClientRow = typeof clients.$inferInsert;
export type ClientPatch = Partial<Omit<NewClientRow, 'id' | 'createdAt' | 'createdBy' | 'version'>>;
export type NoteRow = typeof clientNotes.$inferSelect;

/**
 * The WHERE clause of a search: phone prefix, FULLTEXT word prefixes, or name prefix.
 * Client codes are words of search_text, so the FULLTEXT branch finds them too; an
 * `OR code = ?` here would stop MariaDB from using the FULLTEXT index at all.
 */
function searchCondition(term: string, defaultCountry: string): SQL | undefined {
  const trimmed = term.trim();
  if (!trimmed) return undefined;
  if (looksLikePhone(trimmed))
    return like(clients.phone, `${e164Prefix(trimmed, defaultCountry)}%`);
  const { indexed, short } = splitSearchTerms(trimmed);
  if (indexed.length > 0) {
    const words = sql`MATCH(${clients.searchText}) AGAINST (${indexed.map((w) => `+${w}*`).join(' ')} IN BOOLEAN MODE)`;
    return and(words, ...short.map((w) => like(clients.searchText, `%${escapeLike(w)}%`)));
  }
  // Only short words (1–2 letters or stopwords): a name prefix, which the name index serves.
  return like(clients.name, `${escapeLike(trimmed)}%`);
}

export function createClientsRepository(db: Executor) {
  // Read by every detail page and write: prepared once.
  const byId = db
    .select()
    .from(clients)
    .where(eq(clients.id, sql.placeholder('id')))
    .prepare();

  return {
    async insert(row: NewClientRow, tx: Executor = db) {
      const [result] = await tx.insert(clients).values(row);
      return result.insertId;
    },

    async findById(id: number, tx: Executor = db, opts: { forUpdate?: boolean } = {}) {
      if (tx === db && !opts.forUpdate) return (await byId.execute({ id }))[0];
      const q = tx.select().from(clients).where(eq(clients.id, id));
      const [row] = opts.forUpdate ? await q.for('update') : await q;
      return row;
    },

    async findByCode(code: string) {
      const [row] = await db.select().from(clients).where(eq(clients.code, code));
      return row;
    },

    async findActiveByPhone(e164: string) {
      const [row] = await db.select().from(clients).where(eq(clients.activePhone, e164));
      return row;
    },

    /** The active client already holding this email or phone (for 409 answers). */
    async findActiveHolder(field: 'email' | 'phone', value: string, exceptId?: number) {
      const column = field === 'email' ? clients.activeEmail : clients.activePhone;
      const [row] = await db
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(column, value), exceptId ? ne(clients.id, exceptId) : undefined));
      return row;
    },

    async update(id: number, expectedVersion: number, patch: ClientPatch, tx: Executor = db) {
      const [result] = await tx
        .update(clients)
        .set({ ...patch, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(clients.id, id), eq(clients.version, expectedVersion)));
      return result.affectedRows;
    },

    async delete(id: number, tx: Executor) {
      await tx.delete(clients).where(eq(clients.id, id));
    },

    async list(query: ClientsListQuery, defaultCountry: string) {
      const filters: (SQL | undefined)[] = [
        query.archived ? isNotNull(clients.archivedAt) : isNull(clients.archivedAt),
        query.status ? eq(clients.status, query.status) : undefined,
        query.temperature ? eq(clients.temperature, query.temperature) : undefined,
        query.tag ? sql`JSON_CONTAINS(${clients.tags}, ${JSON.stringify(query.tag)})` : undefined,
        query.hasOrders === undefined
          ? undefined
          : query.hasOrders
            ? gt(clients.orderCount, 0)
            : eq(clients.orderCount, 0),
        query.q ? searchCondition(query.q, defaultCountry) : undefined,
      ];
      const where = and(...filters);
      const sort = parseSort<'name' | 'createdAt' | 'updatedAt'>(query.sort, 'name');
      const column = {
        name: clients.name,
        createdAt: clients.createdAt,
        updatedAt: clients.updatedAt,
      }[sort.field];
      const kind = sort.field === 'name' ? 'string' : 'date';
      const page = keyset(
        { column, id: clients.id, descending: sort.descending, kind },
        query.cursor,
      );
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await db
        .select(listColumns)
        .from(clients)
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      // A first page that is not full is the whole result: no second query needed.
      const total =
        !query.cursor && rows.length <= limit ? rows.length : await cappedCount(db, clients, where);
      return { ...toPage(rows, limit, (r) => [r[sort.field], r.id]), total };
    },

    /** The newest note of each client, in one query. */
    async latestNotes(clientIds: number[]) {
      if (clientIds.length === 0) return new Map<number, NoteRow>();
      const newest = db
        .select({ id: sql<number>`MAX(${clientNotes.id})` })
        .from(clientNotes)
        .where(inArray(clientNotes.clientId, clientIds))
        .groupBy(clientNotes.clientId);
      const rows = await db.select().from(clientNotes).where(inArray(clientNotes.id, newest));
      return new Map(rows.map((note) => [note.clientId, note]));
    },

    async insertNote(row: typeof clientNotes.$inferInsert, tx: Executor) {
      const [result] = await tx.insert(clientNotes).values(row);
      return result.insertId;
    },

    async findNote(clientId: number, noteId: number, tx: Executor = db) {
      const [row] = await tx
        .select()
        .from(clientNotes)
        .where(and(eq(clientNotes.id, noteId), eq(clientNotes.clientId, clientId)));
      return row;
    },

    async updateNote(
      noteId: number,
      expectedVersion: number,
      patch: Partial<Pick<NoteRow, 'text' | 'priority'>>,
      tx: Executor,
    ) {
      const [result] = await tx
        .update(clientNotes)
        .set({ ...patch, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(clientNotes.id, noteId), eq(clientNotes.version, expectedVersion)));
      return result.affectedRows;
    },

    async deleteNote(noteId: number, tx: Executor) {
      await tx.delete(clientNotes).where(eq(clientNotes.id, noteId));
    },

    /** High, then medium, then none; newest first within a priority. */
    async listNotes(clientId: number) {
      return db
        .select()
        .from(clientNotes)
        .where(eq(clientNotes.clientId, clientId))
        .orderBy(
          sql`FIELD(${clientNotes.priority}, 'high', 'medium', 'none')`,
          desc(clientNotes.createdAt),
          desc(clientNotes.id),
        )
        .limit(500);
    },
  };
}
export type ClientsRepository = ReturnType<typeof createClientsRepository>;
