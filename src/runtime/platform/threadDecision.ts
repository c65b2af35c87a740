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
const ms = (v: number) => `${Math.round(v)} ms`;

/** More threads only where they were measured faster; a tie, or a run that did not finish, keeps one. */
export function decideThreads(job: ThreadJob, one: ThreadTiming, many: ThreadTiming): ThreadChoice {
  const what = THREAD_JOBS[job];
  if (many.threads <= one.threads) {
    return { threads: one.threads, reason: `${threadsText(one.threads)} (no more could run in a worker here)` };
  }
  if (one.ms === null && many.ms === null) {
    return { threads: one.threads, reason: `${threadsText(one.threads)} (neither count finished ${what} in time)` };
  }
  const [won, lost] = many.ms !== null && (one.ms === null || many.ms < one.ms) ? [many, one] : [one, many];
  const against = lost.ms === null ? `${threadsText(lost.threads)} did not finish it` : `${ms(lost.ms)} on ${threadsText(lost.threads)}`;
  return { threads: won.threads, reason: `${threadsText(won.threads)}, timed faster (${ms(won.ms!)} for ${what}, against ${against})` };
}
