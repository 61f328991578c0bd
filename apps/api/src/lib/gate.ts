/**
 * At most `limit` tasks at once; the others wait their turn, first come first served.
 *
 * The orders list runs its searches through one gate (decision 0018): a list page costs the
 * database 5-30 ms of CPU, and sixteen of them at once on a two-core machine share the cores
 * sixteen ways (each takes eight times longer) and the database's own mutexes, while orders
 * being taken wait for the same cores. Through a gate as wide as the machine can run, a search
 * waits in the API's queue instead, in order, and the connection pool stays free for the order
 * desk's short statements.
 */
export interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createGate(limit: number): Gate {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('A gate lets at least 1 through');
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < limit) running += 1;
      // The slot passes straight from the task that ends to the first in line.
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
