// The page's runtime jobs, in one place: each kind runs one at a time (starting one cancels the run before it),
// with the keyed read-out of keyedJob (platform/latestJob.ts).
import { keyedJob } from './platform/index.ts';

/** What the training panel's buttons reach while a training job runs (a Trainer here or in a worker). */
export interface TrainingControl {
  pause(): void;
  resume(): void;
  stop(): void;
}

// Module state: the page has one lab attack, one boundary readout, one gradient view, one landscape, one
// robustness curve, one reliable figure, one corruption sweep and one training job; a job's runs must see each other to cancel the stale one.
export const JOBS = {
  attack: keyedJob(),
  boundary: keyedJob(),
  gradients: keyedJob(),
  landscape: keyedJob(),
  /** The measurements (runtime/measure): the robustness curve, the reliable figure, the corruption sweep. */
  curve: keyedJob(),
  reliable: keyedJob(),
  corruptions: keyedJob(),
  /** Training: a second Start is ignored while a run is busy; the panel's buttons reach it through `control`. */
  training: { job: keyedJob(), control: null as TrainingControl | null },
};

