import { describe, expect, it } from 'vitest';
import { createGate } from './gate.ts';

/** A task that ends when told to, recording when it started. */
function deferred(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const task = () => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { task, finish: (v = name) => finish(v), fail: (e: Error) => fail(e) };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('createGate', () => {
  it('lets `limit` tasks run at once and starts the others in arrival order as slots free up', async () => {
    const gate = createGate(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((n) => deferred(log, n));
    const results = tasks.map((t) => gate.run(t.task));
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    expect([gate.running, gate.waiting]).toEqual([2, 2]);
    tasks[1]!.finish();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    expect([gate.running, gate.waiting]).toEqual([2, 1]);
    tasks[0]!.fail(new Error('boom'));
    await expect(results[0]).rejects.toThrow('boom');
    await tick();
    // A failed task frees its slot too.
    expect(log.at(-1)).toBe('start d');
    tasks[2]!.finish();
    tasks[3]!.finish();
    expect(await Promise.all(results.slice(1))).toEqual(['b', 'c', 'd']);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('never runs more than its limit under many callers', async () => {
    const gate = createGate(3);
    let now = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gate.run(async () => {
          now += 1;
          peak = Math.max(peak, now);
          await new Promise((r) => setTimeout(r, (i * 7) % 5));
          now -= 1;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it('refuses a limit below 1', () => {
    expect(() => createGate(0)).toThrow(RangeError);
  });
});
