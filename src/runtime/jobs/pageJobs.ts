// The page's runtime jobs, in one place: each kind runs one at a time (keyedJob.ts: a new run replaces the one in
// flight, or queues behind it), with a keyed read-out or, where a run is for no settings, latest-only.
import { keyedJob, latestOnly } from './keyedJob.ts';

/** What the training panel's buttons reach while a training job runs (a Trainer here or in a worker). */
export interface TrainingControl {
  pause(): void;
  resume(): void;
  stop(): void;
}

// Module state: the page has one of each job below (one lab attack, one boundary readout, one gradient view, ...);
// a job's runs must see each other to cancel or queue behind the stale one.
export const JOBS = {
  /** The clean prediction of the image on screen, under the image and the model's weights (cleanKeyOf). */
  clean: keyedJob(),
  /** The lab's attack other than FGSM, once the controls settle. */
  attack: keyedJob(),
  /** Live FGSM: one forward pass per slider position; the newest position waits for the pass in flight. */
  liveFgsm: keyedJob('queue-latest'),
  /** "Test on all models": the adversarial image on screen, classified by every model. */
  transfer: keyedJob(),
  /** A user's own image, read and shrunk to 32x32: the newest file chosen wins. */
  userImage: latestOnly(),
  /** Opening a lesson from a link or a file: the newest asked for opens. */
  lesson: latestOnly(),
  /** A model the user uploads: the newest is selected, and its error is the one shown. */
  upload: latestOnly(),
  boundary: keyedJob(),
  gradients: keyedJob(),
  landscape: keyedJob(),
  /** The measurements (runtime/measure): the robustness curve, the reliable figure, the corruption sweep. */
  curve: latestOnly(),
  reliable: latestOnly(),
  corruptions: latestOnly(),
  /** Training: a second Start is ignored while a run is busy; the panel's buttons reach it through `control`. */
  training: { job: latestOnly(), control: null as TrainingControl | null },
};
