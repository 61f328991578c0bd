import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, Readiness } from '@gestco/contract';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { pendingMigrations } from '../../db/migrate.ts';

/** Liveness and readiness for load balancers and orchestrators; outside /api/v1 by convention. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        summary: 'Liveness: the process answers',
        response: { 200: Health },
      },
    },
    () => ({ status: 'ok' as const, uptime: process.uptime() }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'Readiness: database reachable and every migration applied',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      let database: 'up' | 'down' = 'down';
      let migrations: 'applied' | 'pending' | 'unknown' = 'unknown';
      try {
        await db.execute(sql`SELECT 1`);
        database = 'up';
        migrations = (await pendingMigrations(db)) === 0 ? 'applied' : 'pending';
      } catch {
        // reported below as not ready
      }
      const ready = database === 'up' && migrations === 'applied';
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', database, migrations });
    },
  );
};
