// One optimisation step of adversarial training on a tfjs LayersModel: make the batch's adversarial examples
// against the model in inference mode, then update the weights on the method's loss with BatchNorm in
// training mode (batch statistics; the moving averages move too), plus L2 weight decay on the kernels.
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../lib/index.ts';
import type { ModelFn } from '../attacks/index.ts';
import { batchAccuracy, meanCrossEntropy } from './losses.ts';
import { toBytes } from '../data/visualize.ts';
import { METHOD_STEPS, type MethodStep, type StepTable } from './methodSteps.ts';
import { adversarialCount, type AnyMethod, type MethodTable } from './methods.ts';
import { foldInference } from '../model/foldedModel.ts';
import { inferenceFn, trainingFn } from '../model/modelFns.ts';

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
  /** What the method carries from step to step (Free-AT's perturbation): read, then replaced. */
  carry?: StepCarry;
  /** Watch the game on this step's batch before the update (one inference pass), keeping this many adversarial images. */
  observe?: { strip: number };
}

/** What a method carries between steps; the owner disposes `delta` at the end of the job. */
export interface StepCarry {
  delta: tf.Tensor4D | null;
}

/** The two players on one batch, before the update, the model in inference mode. */
export interface StepGame {
  /** Mean cross-entropy on the clean images of the adversarial part. */
  cleanLoss: number;
  /** Mean cross-entropy on their adversarial versions. */
  adversarialLoss: number;
  /** Of those the model classified correctly clean, the share the attack made it get wrong. */
  attackerSuccess: number;
  /** How many it classified correctly clean (the success rate's denominator). */
  cleanCorrect: number;
  /** The first adversarial images, 8-bit HWC one after another, with their labels and the model's answers. */
  strip: { images: Uint8Array; labels: number[]; predictions: number[] };
}

export interface TrainStepResult {
  /** The method's loss on the batch before the update (weight decay not included). */
  loss: number;
  /** Accuracy on the images the model trained on (adversarial where they were replaced). */
  accuracy: number;
  /** How many images of the batch were adversarial. */
  adversarial: number;
  /** The game on this batch, when asked for. */
  game?: StepGame;
}

/** The L2 penalty on the kernels, as a scalar (or null when there is none). */
function weightPenalty(kernels: tf.Variable[], weightDecay: number): tf.Scalar | null {
  if (weightDecay <= 0 || kernels.length === 0) return null;
  return tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k)))), weightDecay / 2) as tf.Scalar;
}

/** The game on the first m images of x and adv: losses, the attacker's success, and the strip's images. */
async function observeGame(f: ModelFn, x: tf.Tensor4D, adv: tf.Tensor4D, labels: tf.Tensor1D, m: number, strip: number): Promise<StepGame> {
  const k = Math.min(strip, m);
  const [numbers, predictions, pixels] = tf.tidy(() => {
    const head = (t: tf.Tensor4D) => (m === t.shape[0] ? t : (tf.slice(t, 0, m) as tf.Tensor4D));
    const l = (m === labels.shape[0] ? labels : tf.slice(labels, 0, m)) as tf.Tensor1D;
    const z = f(tf.concat([head(x), head(adv)]));
    const [zClean, zAdv] = tf.split(z, 2) as [tf.Tensor2D, tf.Tensor2D];
    const li = tf.cast(l, 'int32');
    const right = tf.equal(tf.argMax(zClean, 1), li);
    const advPred = tf.argMax(zAdv, 1);
    const fooled = tf.logicalAnd(right, tf.notEqual(advPred, li));
    const stats = tf.stack([
      meanCrossEntropy(zClean, l),
      meanCrossEntropy(zAdv, l),
      tf.sum(tf.cast(right, 'float32')),
      tf.sum(tf.cast(fooled, 'float32')),
    ]);
    return [stats, tf.slice(advPred, 0, k), tf.slice(adv, 0, k)];
  });
  try {
    const [[cleanLoss, adversarialLoss, right, fooled], preds, px, ls] = await Promise.all([
      numbers.data(),
      predictions.data(),
      pixels.data(),
      labels.data(),
    ]);
    return {
      cleanLoss: cleanLoss!,
      adversarialLoss: adversarialLoss!,
      attackerSuccess: right! > 0 ? fooled! / right! : 0,
      cleanCorrect: right!,
      strip: { images: toBytes(px), labels: Array.from(ls.slice(0, k)), predictions: Array.from(preds) },
    };
  } finally {
    tf.dispose([numbers, predictions, pixels]);
  }
}

/**
 * One step on a batch the caller owns (x is neither changed nor disposed). The optimizer's learning rate is
 * the caller's to set before the step. Reads back a few numbers; leaves no tensor behind (but options.carry).
 */
export async function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  batch: LabeledBatch,
  method: AnyMethod,
  options: TrainStepOptions,
): Promise<TrainStepResult> {
  const step = ((options.steps ?? METHOD_STEPS) as StepTable)[method.kind] as unknown as MethodStep<AnyMethod>;
  const m = adversarialCount(method, batch.x.shape[0], options.methods);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kernels = variables.filter((v) => v.rank >= 2);
  const labels = tf.tensor1d(batch.labels, 'int32');
  let adv: tf.Tensor4D | null = null;
  let stats: tf.Tensor1D | null = null;
  let game: StepGame | undefined;
  try {
    if (m > 0) {
      // BatchNorm folded into the convolutions: the same inference function with cheaper input gradients.
      const folded = foldInference(model);
      try {
        const attacked = folded?.modelFn ?? inferenceFn(model);
        adv = await step.inputs(attacked, method, batch.x, labels, m, options.seed, options.carry?.delta ?? null);
        if (options.observe) game = await observeGame(attacked, batch.x, adv, labels, m, options.observe.strip);
      } finally {
        folded?.dispose();
      }
      // Attack and update are two tasks: the page handles clicks in between (a WASM step blocks while it runs).
      await yieldToEventLoop();
    }
    const prepared = adv;
    // Without a store to carry into (a one-off step), a carrying method's step is its update alone.
    const carrying = step.carry && prepared && options.carry ? step.carry : null;
    stats = tf.tidy(() => {
      // Free-AT asks the same backward pass for the gradient of the inputs: they join the variables for it.
      const input = carrying ? tf.variable(prepared!, true) : null;
      const objective = step.objective(trainingFn(model), method, batch.x, labels, input ?? prepared);
      const kept: { loss?: tf.Scalar; logits?: tf.Tensor2D } = {};
      const { grads } = tf.variableGrads(
        () => {
          const { loss, logits } = objective();
          kept.loss = tf.keep(loss);
          kept.logits = tf.keep(logits);
          const penalty = weightPenalty(kernels, options.weightDecay);
          return penalty ? (tf.add(loss, penalty) as tf.Scalar) : tf.clone(loss);
        },
        input ? [...variables, input] : variables,
      );
      if (input) {
        const next = tf.keep(carrying!(method, batch.x, prepared!, grads[input.name] as tf.Tensor4D));
        options.carry!.delta?.dispose();
        options.carry!.delta = next;
        delete grads[input.name];
        input.dispose();
      }
      optimizer.applyGradients(grads);
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
    return { loss: loss!, accuracy: accuracy!, adversarial: m, ...(game ? { game } : {}) };
  } finally {
    stats.dispose();
  }
}
