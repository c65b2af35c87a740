import { describe, expect, it } from 'vitest';
import { keyedJob, latestOnly, type JobRun, type Run } from '../../../src/runtime/jobs/index.ts';

/** A job's work that waits until the test settles it, and the calls its read-out received. */
function harness() {
  let keyNow: string | null = 'a';
  const log: string[] = [];
  const pending: { resolve: (v: string) => void; reject: (e: unknown) => void; run: JobRun }[] = [];
  const spec = {
    keyNow: () => keyNow,
    work: (run: JobRun) =>
      new Promise<string>((resolve, reject) => {
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

describe('keyedJob (replace, the default)', () => {
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

describe('keyedJob, queue-latest', () => {
  it('a new run waits for the one in flight (not aborted, its result shown), and only the newest waiting one starts next', async () => {
    const job = keyedJob('queue-latest');
    const h = harness();
    const runs = [1, 2, 3].map(() => job.run('a', h.spec));
    await tick();
    expect(h.pending).toHaveLength(1);
    expect(h.pending[0]!.run.signal.aborted).toBe(false);
    await runs[1]; // the second was dropped for the third without starting
    expect(h.pending).toHaveLength(1);
    h.pending[0]!.resolve('first');
    await tick();
    expect(h.pending).toHaveLength(2);
    expect(job.busy()).toBe(true);
    h.pending[1]!.resolve('third');
    await Promise.all(runs);
    expect(h.log).toEqual(['done a first', 'done a third']);
    expect(job.busy()).toBe(false);
  });

  it('the run in flight shows nothing once its key left the screen, and a waiting run whose key left never starts', async () => {
    const job = keyedJob('queue-latest');
    const h = harness();
    const first = job.run('a', h.spec);
    const second = job.run('a', h.spec);
    await tick();
    h.setKey('b');
    h.pending[0]!.resolve('x');
    await Promise.all([first, second]);
    expect(h.pending).toHaveLength(1);
    expect(h.log).toEqual([]);
  });

  it('a run asked for just after the turn passed queues behind the run that took it: never two at once', async () => {
    const job = keyedJob('queue-latest');
    const h = harness();
    const first = job.run('a', h.spec);
    const second = job.run('a', h.spec);
    const third = first.then(() => job.run('a', h.spec));
    await tick();
    h.pending[0]!.resolve('1');
    await first;
    await tick();
    expect(h.pending).toHaveLength(2);
    h.pending[1]!.resolve('2');
    await second;
    await tick();
    expect(h.pending).toHaveLength(3);
    h.pending[2]!.resolve('3');
    await third;
    expect(h.log).toEqual(['done a 1', 'done a 2', 'done a 3']);
  });

  it('Cancel aborts the run in flight (reported cancelled) and drops the waiting one', async () => {
    const job = keyedJob('queue-latest');
    const h = harness();
    const runs = [job.run('a', h.spec), job.run('a', h.spec)];
    await tick();
    job.cancel();
    await Promise.all(runs);
    expect(h.pending).toHaveLength(1);
    expect(h.log).toEqual(['cancelled a']);
    expect(job.busy()).toBe(false);
  });
});

describe('latestOnly', () => {
  /** Like harness(), for a job whose runs have no key: each run is told apart by the order it started in. */
  function keyless() {
    const log: string[] = [];
    const pending: { resolve: (v: string) => void; reject: (e: unknown) => void; run: Run }[] = [];
    const nameOf = (run: Run) => `#${pending.findIndex((p) => p.run === run)}`;
    const spec = {
      work: (run: Run) =>
        new Promise<string>((resolve, reject) => {
          pending.push({ resolve, reject, run });
          run.signal.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
        }),
      done: (v: string, run: Run) => log.push(`done ${nameOf(run)} ${v}`),
      cancelled: (run: Run) => log.push(`cancelled ${nameOf(run)}`),
      failed: (m: string, run: Run) => log.push(`failed ${nameOf(run)} ${m}`),
    };
    return { spec, log, pending };
  }

  it('the newest run wins: the one before is aborted and says nothing, even when it resolves last', async () => {
    const job = latestOnly();
    const h = keyless();
    const older = job.run(h.spec);
    await tick();
    const newer = job.run(h.spec);
    await tick();
    expect(h.pending[0]!.run.signal.aborted).toBe(true);
    h.pending[1]!.resolve('new');
    h.pending[0]!.resolve('old'); // work that ignores its signal still ends after the newer run
    await Promise.all([older, newer]);
    expect(h.log).toEqual(['done #1 new']);
  });

  it('tells cancelled from failed; an older run failing after a newer one started is not shown', async () => {
    const job = latestOnly();
    const h = keyless();
    const cancelled = job.run(h.spec);
    await tick();
    job.cancel();
    await cancelled;
    const failing = job.run(h.spec);
    await tick();
    h.pending[1]!.reject(new Error('unreadable'));
    await failing;
    const stale = job.run(h.spec);
    await tick();
    const fresh = job.run(h.spec);
    await tick();
    h.pending[2]!.reject(new Error('late failure'));
    h.pending[3]!.resolve('ok');
    await Promise.all([stale, fresh]);
    expect(h.log).toEqual(['cancelled #0', 'failed #1 unreadable', 'done #3 ok']);
  });
});
