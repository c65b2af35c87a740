// src/runtime/platform: what is left of it once backend/, offline/ and files/ moved out.
//   latestJob.ts      "the newest request wins": starting a job aborts the one before; keyedJob, the one job
//                     pattern of the runtime (a keyed read-out, cancelled versus failed)
export { keyedJob, keyedReadout, type JobRun } from './latestJob.ts';
