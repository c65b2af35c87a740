import { describe, expect, it } from 'vitest';
import { keyedJob, type JobRun } from '../../../src/runtime/jobs/index.ts';

/** A job's work that waits until the test settles it, and the calls its read-out received. */
function harness() {
  let keyNow: string | null = 'a';
  const log: string[] = [];
  const pending: { resolve: (v: string) => void; reject: (e: unknown) => void; run: JobRun }[] = [];
  const spec = {
    keyNow: () => keyNow,
    work: (run: JobRun) => new Promise<string>((resolve, reject) => {
      pending.push({ resolve, reject, run });
      run.signal.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
    }),
    done: (v: string, run: JobRun) => log.push(`done ${run.key} ${v}`),
    cancelled: (run: JobRun) => log.push(`cancelled ${run.key}`),
    failed: (m: string, run: JobRun) => log.push(`failed ${run.key} ${m}`),
  };
  return { spec, log, pending, setKey: (k: string | null) => (keyNow = k) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('keyedJob', () => {
  it('writes a result computed for the settings on screen', async () => {
    const job = keyedJob();
    const h = harness();
    const running = job.run('a', h.spec);
    await tick();
    expect(job.busy()).toBe(true);
    h.pending[0]!.resolve('x');
    await running;
    expect(h.log).toEqual(['done a x']);
    expect(job.busy()).toBe(false);
  });

  it('drops a result whose settings changed while it ran (a stale result never shows)', async () => {
    const job = keyedJob();
    const h = harness();
    const running = job.run('a', h.spec);
    await tick();
    h.setKey('b');
    h.pending[0]!.resolve('x');
    await running;
    expect(h.log).toEqual([]);
  });

  it('a newer run supersedes the one in flight: the old one is aborted and says nothing, not even cancelled', async () => {
    const job = keyedJob();
    const h = harness();
    const first = job.run('a', h.spec);
    await tick();
    const second = job.run('a', h.spec);
    await tick();
    expect(h.pending[0]!.run.signal.aborted).toBe(true);
    h.pending[1]!.resolve('new');
    await Promise.all([first, second]);
    expect(h.log).toEqual(['done a new']);
  });

  it('Cancel with nothing newer reports cancelled under its key; a failure reports its message', async () => {
    const job = keyedJob();
    const h = harness();
    const cancelled = job.run('a', h.spec);
    await tick();
    job.cancel();
    await cancelled;
    const failing = job.run('a', h.spec);
    await tick();
    h.pending[1]!.reject(new Error('out of memory'));
    await failing;
    expect(h.log).toEqual(['cancelled a', 'failed a out of memory']);
  });

  it('a failure for settings no longer on screen is not shown', async () => {
    const job = keyedJob();
    const h = harness();
    const failing = job.run('a', h.spec);
    await tick();
    h.setKey(null);
    h.pending[0]!.reject(new Error('boom'));
    await failing;
    expect(h.log).toEqual([]);
  });

  it('waits delayMs before starting; a newer run or a cancel meanwhile means it never starts', async () => {
    const job = keyedJob();
    const h = harness();
    const dropped = job.run('a', { ...h.spec, delayMs: 20 });
    const kept = job.run('a', { ...h.spec, delayMs: 20 });
    await dropped;
    expect(h.pending).toHaveLength(0);
    expect(job.busy()).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(h.pending).toHaveLength(1);
    h.pending[0]!.resolve('y');
    await kept;
    const cancelledEarly = job.run('a', { ...h.spec, delayMs: 20 });
    job.cancel();
    await cancelledEarly;
    expect(h.pending).toHaveLength(1);
    expect(h.log).toEqual(['done a y']);
  });

  it('an old run finishing leaves the newer one cancellable', async () => {
    const job = keyedJob();
    const h = harness();
    const first = job.run('a', h.spec);
    await tick();
    const second = job.run('a', h.spec);
    await first;
    job.cancel();
    await second;
    expect(h.pending[1]!.run.signal.aborted).toBe(true);
    expect(h.log).toEqual(['cancelled a']);
  });
});
