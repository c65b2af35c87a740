import { describe, expect, it } from 'vitest';
import { latestJob } from '../../../src/runtime/jobs/index.ts';

describe('latestJob', () => {
  it('aborts the job in flight when a new one starts', () => {
    const job = latestJob();
    const first = job.start();
    const second = job.start();
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
  });

  it('cancel aborts the job in flight, and nothing after it', () => {
    const job = latestJob();
    const signal = job.start();
    job.cancel();
    expect(signal.aborted).toBe(true);
    const next = job.start();
    expect(next.aborted).toBe(false);
  });

  it('a finished job is not aborted later, and finishing an old job leaves the newer one cancellable', () => {
    const job = latestJob();
    const done = job.start();
    job.finish(done);
    job.cancel();
    expect(done.aborted).toBe(false);
    const old = job.start();
    const current = job.start();
    job.finish(old);
    job.cancel();
    expect(current.aborted).toBe(true);
  });
});
