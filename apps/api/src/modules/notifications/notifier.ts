import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { NotificationRow, NotificationsRepository } from './notifications-repository.ts';
import type { OutgoingEmail, Transport } from './transports.ts';

export interface NotifierOptions {
  /** Rows claimed per round. */
  batchSize?: number;
  /** How long a claim protects a row; a worker that dies mid-send frees it after this. */
  leaseMs?: number;
  /** Attempts before a row is `failed` (it can then be retried from the app). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, with jitter, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Idle wait between polls when nothing is due. */
  pollMs?: number;
  /** Sends in flight at once within a batch. */
  concurrency?: number;
  workerId?: string;
}

export interface NotifierDeps {
  repo: NotificationsRepository;
  transport: Transport;
  /** Subject, HTML and text of a row, from its template and captured payload. */
  render: (row: NotificationRow) => Promise<{
    subject: string;
    html: string;
    text: string;
    /** What the outbox keeps when it must not hold a secret the email carries (quick links). */
    stored?: { subject: string; html: string; text: string };
  }>;
  sender: () => Promise<{ email: string; name: string }>;
  log?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function createNotifier(deps: NotifierDeps, options: NotifierOptions = {}) {
  const o = {
    batchSize: options.batchSize ?? 20,
    leaseMs: options.leaseMs ?? 60_000,
    maxAttempts: options.maxAttempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? 5_000,
    maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
    pollMs: options.pollMs ?? 1_000,
    concurrency: options.concurrency ?? 8,
    workerId: options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
  };
  const { repo, transport } = deps;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  async function deliver(row: NotificationRow) {
    try {
      const { stored, ...rendered } = await deps.render(row);
      await repo.saveRendered(row.id, o.workerId, stored ?? rendered);
      const email: OutgoingEmail = {
        outboxId: row.id,
        to: { email: row.toEmail, name: row.toName },
        from: await deps.sender(),
        ...rendered,
      };
      const outcome = await transport.send(email);
      if (outcome.kind === 'sent') {
        await repo.finish(row.id, o.workerId, {
          status: 'sent',
          sentAt: new Date(),
          providerStatus: outcome.providerStatus,
          providerMessageId: outcome.messageId,
          lastError: null,
        });
        return;
      }
      const giveUp = outcome.kind === 'failed' || row.attempts >= o.maxAttempts;
      const next =
        outcome.kind === 'retry' && outcome.retryAt && outcome.retryAt.getTime() > Date.now()
          ? outcome.retryAt
          : new Date(Date.now() + backoffDelay(row.attempts, o.baseDelayMs, o.maxDelayMs));
      await repo.finish(row.id, o.workerId, {
        status: giveUp ? 'failed' : 'queued',
        providerStatus: outcome.providerStatus,
        lastError: outcome.error.slice(0, 2000),
        nextAttemptAt: next,
        claimedBy: null,
      });
      deps.log?.warn(
        { notificationId: row.id, attempt: row.attempts, giveUp, error: outcome.error },
        'email not sent',
      );
    } catch (error) {
      // Rendering or the database failed: keep the row, retry later.
      await repo.finish(row.id, o.workerId, {
        status: row.attempts >= o.maxAttempts ? 'failed' : 'queued',
        lastError: `internal: ${(error as Error).message}`.slice(0, 2000),
        nextAttemptAt: new Date(
          Date.now() + backoffDelay(row.attempts, o.baseDelayMs, o.maxDelayMs),
        ),
        claimedBy: null,
      });
    }
  }

  /** One round: claim due rows, send them (a few at a time), record each answer. Returns rows handled. */
  async function runOnce(): Promise<number> {
    const rows = await repo.claim(o.workerId, o.batchSize, o.leaseMs);
    for (let i = 0; i < rows.length; i += o.concurrency)
      await Promise.all(rows.slice(i, i + o.concurrency).map(deliver));
    return rows.length;
  }

  function schedule(delay: number) {
    if (!running) return;
    timer = setTimeout(() => {
      current = runOnce();
      current
        .then((n) => schedule(n === o.batchSize ? 0 : o.pollMs))
        .catch((error: unknown) => {
          deps.log?.warn({ error: (error as Error).message }, 'notifier round failed');
          schedule(o.pollMs);
        });
    }, delay);
    timer.unref?.();
  }

  return {
    workerId: o.workerId,
    runOnce,
    /** Drains everything due now (tests, benchmark). */
    async drain() {
      let total = 0;
      for (let n = await runOnce(); n > 0; n = await runOnce()) total += n;
      return total;
    },
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await current?.catch(() => undefined);
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;
