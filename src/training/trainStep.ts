// One optimisation step of adversarial training on a tfjs LayersModel: make the batch's adversarial examples
// against the model in inference mode, then update the weights on the method's loss with BatchNorm in
// training mode (batch statistics; the moving averages move too), plus L2 weight decay on the kernels.
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../attacks/index.ts';
import { batchAccuracy } from './losses.ts';
import { METHOD_STEPS, type MethodStep, type StepTable } from './methodSteps.ts';
import { adversarialCount, type AnyMethod, type MethodTable } from './methods.ts';
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
  /** The methods' steps (the app's unless given: a test may add a method). */
  steps?: StepTable;
  /** The methods' descriptors, with each one's adversarial share (the app's unless given). */
  methods?: MethodTable;
}

export interface TrainStepResult {
  /** The method's loss on the batch before the update (weight decay not included). */
  loss: number;
  /** Accuracy on the images the model trained on (adversarial where they were replaced). */
  accuracy: number;
  /** How many images of the batch were adversarial. */
  adversarial: number;
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
  model: tf.LayersModel, optimizer: tf.Optimizer, batch: LabeledBatch, method: AnyMethod, options: TrainStepOptions,
): Promise<TrainStepResult> {
  const step = ((options.steps ?? METHOD_STEPS) as StepTable)[method.kind] as unknown as MethodStep<AnyMethod>;
  const m = adversarialCount(method, batch.x.shape[0], options.methods);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kernels = variables.filter((v) => v.rank >= 2);
  const labels = tf.tensor1d(batch.labels, 'int32');
  let adv: tf.Tensor4D | null = null;
  let stats: tf.Tensor1D | null = null;
  try {
    if (m > 0) {
      // BatchNorm folded into the convolutions: the same inference function with cheaper input gradients.
      const folded = foldInference(model);
      try {
        const attacked = folded?.modelFn ?? inferenceFn(model);
        adv = await step.inputs(attacked, method, batch.x, labels, m, options.seed);
      } finally {
        folded?.dispose();
      }
      // Attack and update are two tasks: the page handles clicks in between (a WASM step blocks while it runs).
      await yieldToEventLoop();
    }
    const prepared = adv;
    stats = tf.tidy(() => {
      const objective = step.objective(trainingFn(model), method, batch.x, labels, prepared);
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
    return { loss: loss!, accuracy: accuracy!, adversarial: m };
  } finally {
    stats.dispose();
  }
}
