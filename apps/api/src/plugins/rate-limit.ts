import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { AppError } from '../lib/app-error.ts';

/**
 * Limits are opt-in per route (login, public routes). With REDIS_URL they are
 * shared by every API process; without it each process counts alone.
 */
export default fp<{ redisUrl: string | undefined }>(
  async (app, opts) => {
    const redis = opts.redisUrl
      ? new Redis(opts.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 })
      : undefined;
    if (redis) app.addHook('onClose', async () => void (await redis.quit()));
    await app.register(rateLimit, {
      global: false,
      ...(redis ? { redis, nameSpace: 'gestco-rl:' } : {}),
      errorResponseBuilder: (_request, context) =>
        new AppError('RATE_LIMITED', `Too many attempts; retry in ${context.after}.`),
    });
  },
  { name: 'rate-limit' },
);
