import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { settings } from '../../db/schema/settings.ts';

export type SettingsRow = typeof settings.$inferSelect;

export function createSettingsRepository(db: Executor) {
  return {
    async all() {
      return db.select().from(settings);
    },
    async find(section: string, tx: Executor = db) {
      const [row] = await tx
        .select()
        .from(settings)
        .where(eq(settings.section, section))
        .for('update');
      return row;
    },
    async insert(
      section: string,
      value: Record<string, unknown>,
      version: number,
      by: number | null,
      tx: Executor,
    ) {
      await tx
        .insert(settings)
        .values({ section, value, version, updatedAt: new Date(), updatedBy: by });
    },
    async update(
      section: string,
      expected: number,
      value: Record<string, unknown>,
      by: number | null,
      tx: Executor,
    ) {
      const [result] = await tx
        .update(settings)
        .set({ value, version: expected + 1, updatedAt: new Date(), updatedBy: by })
        .where(and(eq(settings.section, section), eq(settings.version, expected)));
      return result.affectedRows;
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
