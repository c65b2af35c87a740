// How many WASM threads to keep, decided from what was timed. Plain data in, plain data out (no tfjs, no DOM), so
// the rule and the words the page shows are unit-tested in Node. Each job is timed on its own, as threads pay off
// differently on them: the lab attacks one image at a time, training steps through a batch.
import type { ThreadChoice } from '../../state/backendSlice.ts';

/** What was timed, in the words the page uses. */
export const THREAD_JOBS = {
  attack: 'five attack steps on one image',
  training: 'a Fast-AT training step on 8 images',
} as const;
export type ThreadJob = keyof typeof THREAD_JOBS;

/** One probe worker's report: the threads it ran on (tfjs's own count) and its median time; null when it did not finish. */
export interface ThreadTiming {
  threads: number;
  ms: number | null;
}

const threadsText = (n: number) => `${n} thread${n === 1 ? '' : 's'}`;

/**
 * tfjs-backend-wasm 4.22 starts a pool of 8 pthread workers; a thread beyond them would need a worker started
 * while the calling thread blocks in XNNPACK, so 8 is also where more threads stop helping.
 */
export const MAX_WASM_THREADS = 8;

/** What a context offers WASM threads: isolation, SharedArrayBuffer (WebKit can be isolated without it), cores. */
export interface ThreadSupport {
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  /** navigator.hardwareConcurrency (WebKit may report more than there are). */
  cores: number;
}

/**
 * The count to ask tfjs for, whether timing one thread against it is worth it (tfjs runs at most half the logical
 * cores, so below 4 only one runs), and, where one thread is all, why, in the page's words.
 */
export function threadLimit(s: ThreadSupport): { threads: number; worthTiming: boolean; oneBecause: string | null } {
  if (!s.crossOriginIsolated) return { threads: 1, worthTiming: false, oneBecause: 'threads need a cross-origin isolated page' };
  if (!s.sharedArrayBuffer) {
    return {
      threads: 1,
      worthTiming: false,
      oneBecause: 'this browser has no SharedArrayBuffer, which threads need, though the page is cross-origin isolated',
    };
  }
  const threads = Math.max(1, Math.min(s.cores, MAX_WASM_THREADS));
  if (s.cores < 4)
    return { threads, worthTiming: false, oneBecause: `tfjs runs one thread per two logical cores, and this browser reports ${s.cores}` };
  return { threads, worthTiming: true, oneBecause: null };
}

/**
 * More threads only where they were measured faster in the whole milliseconds the page shows (a reason never reads
 * "faster" beside two equal times); a tie, or a run that did not finish, keeps one.
 */
export function decideThreads(job: ThreadJob, one: ThreadTiming, many: ThreadTiming): ThreadChoice {
  const what = THREAD_JOBS[job];
  if (many.threads <= one.threads) {
    return { threads: one.threads, reason: `${threadsText(one.threads)} (no more could run in a worker here)` };
  }
  const oneMs = one.ms === null ? null : Math.round(one.ms);
  const manyMs = many.ms === null ? null : Math.round(many.ms);
  if (oneMs === null && manyMs === null) {
    return { threads: one.threads, reason: `${threadsText(one.threads)} (neither count finished ${what} in time)` };
  }
  if (oneMs === manyMs) {
    return {
      threads: one.threads,
      reason: `${threadsText(one.threads)}, timed as fast (${oneMs} ms for ${what}, as on ${threadsText(many.threads)})`,
    };
  }
  const [won, wonMs, lost, lostMs] = manyMs !== null && (oneMs === null || manyMs < oneMs) ? [many, manyMs, one, oneMs] : [one, oneMs!, many, manyMs];
  const against = lostMs === null ? `${threadsText(lost.threads)} did not finish it` : `${lostMs} ms on ${threadsText(lost.threads)}`;
  return { threads: won.threads, reason: `${threadsText(won.threads)}, timed faster (${wonMs} ms for ${what}, against ${against})` };
}
