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
