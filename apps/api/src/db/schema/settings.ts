import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { json } from '../json-column.ts';
import { fk, timestamp, version } from '../columns.ts';

/** One row per settings section (company, general, ...), saved whole with a version. */
export const settings = mysqlTable('settings', {
  section: varchar('section', { length: 40 }).primaryKey(),
  value: json<Record<string, unknown>>('value').notNull(),
  version: version(),
  updatedAt: timestamp('updated_at').notNull(),
  updatedBy: fk('updated_by'),
});
