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
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryableLockError(error)) throw error;
      await sleep(Math.random() * 10 * attempt);
    }
  }
}
