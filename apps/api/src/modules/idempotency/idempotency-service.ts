import { createHash } from 'node:crypto';
import { AppError } from '../../lib/app-error.ts';
import type { IdempotencyRepository } from './idempotency-repository.ts';

/** Keys are kept this long, then purged (DESIGN.md: at least 24 h). */
export const IDEMPOTENCY_TTL_MS = 48 * 60 * 60 * 1000;
/** A "running" claim older than this belongs to a process that died: it may be taken over. */
const STALE_RUNNING_MS = 2 * 60 * 1000;

/** Stable JSON: the same body with keys in another order hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * `Idempotency-Key` (DESIGN.md): same key + same body replays the first
 * response; same key + another body → 422; the first still running → 409.
 * A request that fails releases its key, so it can be retried: a failure
 * changes nothing, and is not replayed.
 */
export function createIdempotencyService(deps: { idempotencyRepository: IdempotencyRepository }) {
  const repo = deps.idempotencyRepository;
  let calls = 0;

  return {
    async run<T>(
      scope: { principal: string; route: string; idemKey: string },
      body: unknown,
      handler: () => Promise<{ status: number; body: T }>,
    ): Promise<IdempotentResult<T>> {
      if ((calls += 1) % 200 === 1)
        await repo.purgeOlderThan(new Date(Date.now() - IDEMPOTENCY_TTL_MS));
      const hash = createHash('sha256').update(canonical(body)).digest('hex');
      if (!(await repo.claim(scope, hash))) {
        const existing = await repo.find(scope);
        if (!existing) return this.run(scope, body, handler); // released meanwhile
        if (existing.requestHash !== hash) {
          throw new AppError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used with another request body.',
          );
        }
        if (existing.state === 'done') {
          return {
            status: existing.responseStatus ?? 200,
            body: existing.responseBody as T,
            replayed: true,
          };
        }
        if (Date.now() - existing.createdAt.getTime() < STALE_RUNNING_MS) {
          throw new AppError(
            'IDEMPOTENCY_IN_PROGRESS',
            'A request with this Idempotency-Key is still being processed; retry in a moment.',
            { headers: { 'retry-after': '1' } },
          );
        }
        await repo.release(scope);
        return this.run(scope, body, handler);
      }
      try {
        const result = await handler();
        await repo.complete(scope, result.status, result.body);
        return { ...result, replayed: false };
      } catch (error) {
        await repo.release(scope);
        throw error;
      }
    },
  };
}
export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
