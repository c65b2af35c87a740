import { describe, expect, it } from 'vitest';
import { decideThreads, threadLimit } from '../../src/runtime/backend/threadDecision.ts';
import { threadsFromWorkerName, workerNameForThreads } from '../../src/runtime/backend/wasmThreads.ts';

describe('deciding the WASM thread count from timings', () => {
  it('keeps one thread where more were slower, and says by how much', () => {
    // The measurement on this machine: 2 threads trained at 0.75x the one-thread speed.
    expect(decideThreads('training', { threads: 1, ms: 600 }, { threads: 2, ms: 800 })).toEqual({
      threads: 1,
      reason: '1 thread, timed faster (600 ms for a Fast-AT training step on 8 images, against 800 ms on 2 threads)',
    });
  });

  it('takes more threads where they were faster', () => {
    expect(decideThreads('attack', { threads: 1, ms: 40 }, { threads: 4, ms: 25.4 })).toEqual({
      threads: 4,
      reason: '4 threads, timed faster (25 ms for five attack steps on one image, against 40 ms on 1 thread)',
    });
  });

  it('a tie keeps one thread; a count that did not finish loses; neither finishing keeps one', () => {
    expect(decideThreads('attack', { threads: 1, ms: 30 }, { threads: 2, ms: 30 }).threads).toBe(1);
    // Equal as the page shows them (whole milliseconds): one thread, and the words say the times were the same.
    expect(decideThreads('attack', { threads: 1, ms: 161.2 }, { threads: 2, ms: 160.9 })).toEqual({
      threads: 1,
      reason: '1 thread, timed as fast (161 ms for five attack steps on one image, as on 2 threads)',
    });
    expect(decideThreads('attack', { threads: 1, ms: 30 }, { threads: 2, ms: null })).toEqual({
      threads: 1,
      reason: '1 thread, timed faster (30 ms for five attack steps on one image, against 2 threads did not finish it)',
    });
    expect(decideThreads('training', { threads: 1, ms: null }, { threads: 2, ms: 900 }).threads).toBe(2);
    expect(decideThreads('training', { threads: 1, ms: null }, { threads: 2, ms: null })).toEqual({
      threads: 1,
      reason: '1 thread (neither count finished a Fast-AT training step on 8 images in time)',
    });
  });

  it('says so where the worker asked for more ran one (it sees fewer cores than the page)', () => {
    expect(decideThreads('training', { threads: 1, ms: 600 }, { threads: 1, ms: 500 })).toEqual({
      threads: 1,
      reason: '1 thread (no more could run in a worker here)',
    });
  });
});

describe('a worker told its thread count by name', () => {
  it('reads back the count it was named with, within 1..8, and nothing from other names', () => {
    for (const n of [1, 2, 4, 8]) expect(threadsFromWorkerName(workerNameForThreads(n))).toBe(n);
    expect(threadsFromWorkerName(workerNameForThreads(64))).toBe(8);
    expect(threadsFromWorkerName(workerNameForThreads(0))).toBe(1);
    for (const other of ['', 'training', 'epsilon-wasm-threads=', 'epsilon-wasm-threads=2x', undefined, 3])
      expect(threadsFromWorkerName(other)).toBeNull();
  });
});

describe('how many threads could run at all', () => {
  it('one thread without isolation or SharedArrayBuffer, or below 4 cores, each with its reason; nothing to time then', () => {
    expect(threadLimit({ crossOriginIsolated: false, sharedArrayBuffer: true, cores: 8 })).toEqual({
      threads: 1,
      worthTiming: false,
      oneBecause: 'threads need a cross-origin isolated page',
    });
    // WebKit: isolated, but no SharedArrayBuffer, and 4 cores reported on a 2-core machine.
    expect(threadLimit({ crossOriginIsolated: true, sharedArrayBuffer: false, cores: 4 })).toEqual({
      threads: 1,
      worthTiming: false,
      oneBecause: 'this browser has no SharedArrayBuffer, which threads need, though the page is cross-origin isolated',
    });
    expect(threadLimit({ crossOriginIsolated: true, sharedArrayBuffer: true, cores: 2 })).toEqual({
      threads: 2,
      worthTiming: false,
      oneBecause: 'tfjs runs one thread per two logical cores, and this browser reports 2',
    });
  });

  it('asks for one thread per core up to 8 where isolated with SharedArrayBuffer, and times it against one', () => {
    expect(threadLimit({ crossOriginIsolated: true, sharedArrayBuffer: true, cores: 4 })).toEqual({
      threads: 4,
      worthTiming: true,
      oneBecause: null,
    });
    expect(threadLimit({ crossOriginIsolated: true, sharedArrayBuffer: true, cores: 32 })).toEqual({
      threads: 8,
      worthTiming: true,
      oneBecause: null,
    });
  });
});
