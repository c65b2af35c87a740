// The training job as seen from a worker: a Trainer on its own copy of the model, driven by messages and
// reporting by messages (progress, checks, status, the weights every few steps and at the end). On WASM a
// training step is one long synchronous task; in a worker it no longer holds up the page.
// No DOM and no store here: trainingWorker.ts wires it
// to a Worker, tests call it directly.
import * as tf from '@tensorflow/tfjs';
import {
  Trainer,
  modelFromArtifacts,
  readSnapshot,
  readWeights,
  snapshotWeights,
  uint8ImageData,
  type TrainerOptions,
  type TrainerStatus,
  type TrainingConfig,
  type TrainingEvaluation,
  type TrainingGame,
  type TrainingProgress,
  type TrainingReport,
  type WeightValue,
} from '../../training/index.ts';
import { errorMessage } from '../../lib/index.ts';
import { imagesFromBytes } from '../../data/bytesToTensor.ts';

export interface StartTraining {
  type: 'start';
  artifacts: tf.io.ModelArtifacts;
  /** 8-bit images, row after row, of this shape. */
  images: Uint8Array;
  labels: number[];
  evalImages: Uint8Array;
  evalLabels: number[];
  /** The final check's images (none: no final check). */
  finalImages: Uint8Array;
  finalLabels: number[];
  shape: [number, number, number];
  config: Partial<TrainingConfig>;
  /** The periodic check's attack; watching the game. */
  checks: Pick<TrainerOptions, 'evalAttack' | 'watch' | 'checkAtStart'>;
  /** Send the weights every this many steps, when the job pauses or starts its final check, and at the end. */
  weightsEvery: number;
}

export type ToTrainingHost = StartTraining | { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

export type FromTrainingHost =
  | { type: 'status'; status: TrainerStatus }
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'evaluation'; evaluation: TrainingEvaluation }
  | { type: 'game'; game: TrainingGame }
  | { type: 'checkProgress'; fraction: number }
  | { type: 'weights'; step: number; weights: WeightValue[] }
  | { type: 'done'; report: TrainingReport; weights: WeightValue[] }
  | { type: 'error'; message: string };

export type Post = (message: FromTrainingHost, transfer?: Transferable[]) => void;

/** The weights' own buffers, moved rather than copied to the page (a view into a larger buffer is copied). */
const buffers = (weights: WeightValue[]): Transferable[] => [
  ...new Set(weights.filter((w) => w.values.byteLength === w.values.buffer.byteLength).map((w) => w.values.buffer as ArrayBuffer)),
];

/** A handler for the host's incoming messages; one job per host. */
export function trainingHost(post: Post): (message: ToTrainingHost) => Promise<void> {
  let trainer: Trainer | null = null;
  return async (message) => {
    if (message.type !== 'start') {
      if (message.type === 'pause') trainer?.pause();
      else if (message.type === 'resume') trainer?.resume();
      else trainer?.stop();
      return;
    }
    if (trainer) return post({ type: 'error', message: 'a training job is already running here' });
    let model: tf.LayersModel | null = null;
    let evalX: tf.Tensor4D | null = null;
    let finalX: tf.Tensor4D | null = null;
    try {
      model = await modelFromArtifacts(message.artifacts);
      const m = model;
      evalX = imagesFromBytes(message.evalImages, message.evalLabels.length, message.shape);
      finalX = message.finalLabels.length > 0 ? imagesFromBytes(message.finalImages, message.finalLabels.length, message.shape) : null;
      // The weights of this very step (a snapshot costs no copy), read back while training goes on and sent in
      // order: the page applies them as they come.
      let sending = Promise.resolve();
      let lastStep = 0;
      let sentStep = 0;
      const sendWeights = (step: number) => {
        sentStep = step;
        const snapshot = snapshotWeights(m);
        sending = sending
          .then(() => readSnapshot(snapshot))
          .then((weights) => post({ type: 'weights', step, weights }, buffers(weights)))
          .finally(() => snapshot.dispose());
      };
      trainer = new Trainer(m, uint8ImageData(message.images, message.labels, message.shape), message.config, {
        evalSet: { x: evalX, labels: message.evalLabels },
        ...(finalX ? { finalSet: { x: finalX, labels: message.finalLabels } } : {}),
        ...message.checks,
        onStatus: (status) => {
          post({ type: 'status', status });
          // Paused or checking, the weights stand still: the page gets these very ones (a download is exact).
          if ((status === 'paused' || status === 'checking') && lastStep > sentStep) sendWeights(lastStep);
        },
        onGame: (game) => post({ type: 'game', game }, [game.strip.images.buffer as ArrayBuffer]),
        onCheckProgress: (fraction) => post({ type: 'checkProgress', fraction }),
        onProgress: (progress) => {
          lastStep = progress.step;
          post({ type: 'progress', progress });
          if (progress.step % message.weightsEvery === 0 && progress.step < progress.totalSteps) sendWeights(progress.step);
        },
        onEvaluation: (evaluation) => post({ type: 'evaluation', evaluation }),
      });
      const report = await trainer.start();
      await sending;
      const weights = await readWeights(m);
      post({ type: 'done', report, weights }, buffers(weights));
    } catch (e) {
      post({ type: 'error', message: errorMessage(e) });
    } finally {
      trainer = null;
      evalX?.dispose();
      finalX?.dispose();
      model?.dispose();
    }
  };
}
