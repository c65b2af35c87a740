// One optimisation step of adversarial training on a tfjs LayersModel: make the batch's adversarial examples
// against the model in inference mode, then update the weights on the method's loss with BatchNorm in
// training mode (batch statistics; the moving averages move too), plus L2 weight decay on the kernels.
import * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../attacks/types.ts';
import { yieldToEventLoop } from '../attacks/progress.ts';
import { pgdExamples, tradesExamples } from './adversarialExamples.ts';
import { batchAccuracy, klDivergence, meanCrossEntropy } from './losses.ts';
import { adversarialCount, type TrainingMethod } from './methods.ts';
import { foldInference } from '../model/foldedModel.ts';
import { inferenceFn, trainingFn } from './modelFns.ts';

export interface LabeledBatch {
  /** [n,h,w,c] pixels in [0,1]. */
  x: tf.Tensor4D;
  labels: number[];
}

export interface TrainStepOptions {
  /** L2 penalty weightDecay/2 * ||w||^2 on every kernel (weights of rank >= 2): PyTorch's weight_decay. */
  weightDecay: number;
  /** Seed of this step's random start. */
  seed: number;
}

export interface TrainStepResult {
  /** The method's loss on the batch before the update (weight decay not included). */
  loss: number;
  /** Accuracy on the images the model trained on (adversarial where they were replaced). */
  accuracy: number;
  /** How many images of the batch were adversarial. */
  adversarial: number;
}

/** The method's loss as a function of the weights (to be minimised), with the logits it trained on. */
type Objective = () => { loss: tf.Scalar; logits: tf.Tensor2D };

/**
 * The images the step trains on, made against `attacked` (the model in inference mode): PGD-AT and Fast-AT
 * return the whole batch with its first m images adversarial; TRADES returns the m adversarial images alone;
 * clean training (or m = 0) returns null. A new tensor; x is not disposed.
 */
async function adversarialInputs(attacked: ModelFn, method: TrainingMethod, x: tf.Tensor4D, labels: tf.Tensor1D, seed: number): Promise<tf.Tensor4D | null> {
  const n = x.shape[0];
  const m = adversarialCount(method, n);
  if (method.kind === 'clean' || m === 0) return null;
  const head = m === n ? x : (tf.slice(x, 0, m) as tf.Tensor4D);
  const headLabels = m === n ? labels : (tf.slice(labels, 0, m) as tf.Tensor1D);
  try {
    if (method.kind === 'trades') return await tradesExamples(attacked, head, { eps: method.eps, stepSize: method.stepSize, steps: method.steps, seed });
    const params = method.kind === 'pgd'
      ? { eps: method.eps, stepSize: method.stepSize, steps: method.steps, randomStart: method.randomStart, seed }
      : { eps: method.eps, stepSize: method.stepSize, steps: 1, randomStart: true, seed };
    const adv = await pgdExamples(attacked, head, headLabels, params);
    if (m === n) return adv;
    const whole = tf.tidy(() => tf.concat([adv, tf.slice(x, m, n - m)]) as tf.Tensor4D);
    adv.dispose();
    return whole;
  } finally {
    if (head !== x) head.dispose();
    if (headLabels !== labels) headLabels.dispose();
  }
}

/** The method's objective on the prepared inputs (see adversarialInputs). Call inside tf.tidy. */
function objectiveFor(model: tf.LayersModel, method: TrainingMethod, x: tf.Tensor4D, labels: tf.Tensor1D, adv: tf.Tensor4D | null): Objective {
  const train = trainingFn(model);
  if (method.kind === 'trades' && adv) {
    const n = x.shape[0];
    const m = adv.shape[0];
    return () => {
      const z = train(x);
      const zAdv = train(adv);
      const zHead = m === n ? z : (tf.slice(z, 0, m) as tf.Tensor2D);
      // KL summed over the adversarial images, averaged over the whole batch (TRADES' batchmean when m = n).
      const kl = tf.div(tf.sum(klDivergence(zHead, zAdv)), n);
      return { loss: tf.add(meanCrossEntropy(z, labels), tf.mul(kl, method.beta)) as tf.Scalar, logits: z };
    };
  }
  const inputs = adv ?? x;
  return () => {
    const z = train(inputs);
    return { loss: meanCrossEntropy(z, labels), logits: z };
  };
}

/** The L2 penalty on the kernels, as a scalar (or null when there is none). */
function weightPenalty(kernels: tf.Variable[], weightDecay: number): tf.Scalar | null {
  if (weightDecay <= 0 || kernels.length === 0) return null;
  return tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k)))), weightDecay / 2) as tf.Scalar;
}

/**
 * One step on a batch the caller owns (x is neither changed nor disposed). The optimizer's learning rate is
 * the caller's to set before the step. Reads back two numbers; leaves no tensor behind.
 */
export async function trainStep(
  model: tf.LayersModel, optimizer: tf.Optimizer, batch: LabeledBatch, method: TrainingMethod, options: TrainStepOptions,
): Promise<TrainStepResult> {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kernels = variables.filter((v) => v.rank >= 2);
  const labels = tf.tensor1d(batch.labels, 'int32');
  let adv: tf.Tensor4D | null = null;
  let stats: tf.Tensor1D | null = null;
  try {
    if (adversarialCount(method, batch.x.shape[0]) > 0) {
      // BatchNorm folded into the convolutions: the same inference function with cheaper input gradients.
      const folded = foldInference(model);
      try {
        adv = await adversarialInputs(folded?.logits ?? inferenceFn(model), method, batch.x, labels, options.seed);
      } finally {
        folded?.dispose();
      }
      // Attack and update are two tasks: the page handles clicks in between (a WASM step blocks while it runs).
      await yieldToEventLoop();
    }
    const prepared = adv;
    stats = tf.tidy(() => {
      const objective = objectiveFor(model, method, batch.x, labels, prepared);
      const kept: { loss?: tf.Scalar; logits?: tf.Tensor2D } = {};
      optimizer.minimize(() => {
        const { loss, logits } = objective();
        // keep() lets them out of minimize's scope; they are disposed below. The returned cost must be another
        // tensor, since minimize disposes it.
        kept.loss = tf.keep(loss);
        kept.logits = tf.keep(logits);
        const penalty = weightPenalty(kernels, options.weightDecay);
        return penalty ? (tf.add(loss, penalty) as tf.Scalar) : tf.clone(loss);
      }, false, variables);
      const { loss, logits } = kept as Required<typeof kept>;
      const out = tf.stack([loss, batchAccuracy(logits, labels)]) as tf.Tensor1D;
      tf.dispose([loss, logits]);
      return out;
    });
  } finally {
    adv?.dispose();
    labels.dispose();
  }
  try {
    const [loss, accuracy] = await stats.data();
    return { loss: loss!, accuracy: accuracy!, adversarial: adversarialCount(method, batch.x.shape[0]) };
  } finally {
    stats.dispose();
  }
}
