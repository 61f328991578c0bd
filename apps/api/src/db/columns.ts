import { sql } from 'drizzle-orm';
import { bigint, datetime, int } from 'drizzle-orm/mysql-core';

/** Primary key MariaDB accepts (serial() does not migrate there). */
export const id = () =>
  bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();
export const fk = (name: string) => bigint(name, { mode: 'number', unsigned: true });
export const createdAt = () =>
  datetime('created_at', { mode: 'date', fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`);
export const updatedAt = () =>
  datetime('updated_at', { mode: 'date', fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`);
export const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });
export const version = () => int('version', { unsigned: true }).notNull().default(1);
