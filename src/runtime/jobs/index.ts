// src/runtime/jobs: the one job primitive of the runtime, and the page's jobs.
//   latestJob.ts     the lowest rung: starting a job aborts the one before it
//   keyedJob.ts      keyedJob (a keyed read-out; modes replace and queue-latest) and latestOnly (no key): latest
//                    wins, a stale result never shows, cancelled versus failed, finished in every case
//   keyedReadout.ts  a read-out that grows patch by patch, written only under its key
//   pageJobs.ts      JOBS: the page's one job of each kind
// Nothing here reads or writes the store: a job's handlers do.
export { latestJob, type LatestJob } from './latestJob.ts';
export {
  keyedJob,
  latestOnly,
  type JobMode,
  type JobRun,
  type JobSpec,
  type KeyedJob,
  type LatestOnly,
  type LatestSpec,
  type Run,
} from './keyedJob.ts';
export { keyedReadout } from './keyedReadout.ts';
export { JOBS, type TrainingControl } from './pageJobs.ts';
