import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, Executor } from './client.ts';

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

export function isRetryableLockError(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return RETRYABLE.has(cause?.code ?? '');
}

/**
 * A transaction retried when the server picks it as a deadlock victim (or a
 * lock wait times out): the caller never sees the deadlock, and since the whole
 * transaction is rolled back, running it again is safe. Keep external calls out.
 */
export async function inTransaction<T>(
  db: Database,
  fn: (tx: Executor) => Promise<T>,
  attempts = 12,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryableLockError(error)) throw error;
      // Exponential backoff with full jitter (up to 8, 16, 32 … 1000 ms): the many losers
      // of a lock convoy spread out instead of meeting again on the next attempt. Five
      // attempts 10 ms apart let deadlocks through with 20 callers locking in opposite order.
      await sleep(Math.random() * Math.min(1000, 4 * 2 ** attempt));
    }
  }
}
