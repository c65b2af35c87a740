// What each training method does in a step, keyed by the same kinds as its descriptor (methods.ts): the inputs
// it trains on, made against the model in inference mode, and its loss as a function of the weights.
import * as tf from '@tensorflow/tfjs';
import { normStrategy, type ModelFn } from '../attacks/index.ts';
import { pgdExamples, tradesExamples } from './adversarialExamples.ts';
import { klDivergence, meanCrossEntropy } from './losses.ts';
import type { MethodOf, TrainingMethodKind } from './methods.ts';

/** The method's loss on the prepared inputs as a function of the weights (to be minimised), with the logits it trained on. */
export type Objective = () => { loss: tf.Scalar; logits: tf.Tensor2D };

export interface MethodStep<M> {
  /**
   * The images the step trains on, from x's first m images (m >= 1: adversarialCount) made against `attacked`,
   * or from the perturbation carried from the step before (Free-AT). Resolves with a new tensor (x and carried
   * are not disposed) and leaves nothing else behind.
   */
  inputs(
    attacked: ModelFn,
    method: M,
    x: tf.Tensor4D,
    labels: tf.Tensor1D,
    m: number,
    seed: number,
    carried: tf.Tensor4D | null,
  ): Promise<tf.Tensor4D>;
  /** The loss, given `train` (the model in training mode) and the inputs (null when none were adversarial). */
  objective(train: ModelFn, method: M, x: tf.Tensor4D, labels: tf.Tensor1D, adv: tf.Tensor4D | null): Objective;
  /**
   * Free-AT: the perturbation to carry to the next step, from the gradient of the loss with respect to the
   * inputs that the update's own backward pass gave (a new tensor). Methods without it carry nothing.
   */
  carry?(method: M, x: tf.Tensor4D, adv: tf.Tensor4D, inputGradient: tf.Tensor4D): tf.Tensor4D;
}
export type StepTable = Readonly<Record<string, MethodStep<never>>>;

/** Cross-entropy on the inputs: the whole batch with its first images replaced (PGD-AT, Fast-AT, clean). */
const crossEntropyOn =
  (train: ModelFn, x: tf.Tensor4D, labels: tf.Tensor1D, adv: tf.Tensor4D | null): Objective =>
  () => {
    const z = train(adv ?? x);
    return { loss: meanCrossEntropy(z, labels), logits: z };
  };

/** x with its first m images made by `make` from them (a new tensor). */
async function replaceHead(
  x: tf.Tensor4D,
  labels: tf.Tensor1D,
  m: number,
  make: (head: tf.Tensor4D, headLabels: tf.Tensor1D) => Promise<tf.Tensor4D>,
): Promise<tf.Tensor4D> {
  const n = x.shape[0];
  if (m === n) return make(x, labels);
  const [head, headLabels] = [tf.slice(x, 0, m) as tf.Tensor4D, tf.slice(labels, 0, m) as tf.Tensor1D];
  try {
    const adv = await make(head, headLabels);
    const whole = tf.tidy(() => tf.concat([adv, tf.slice(x, m, n - m)]) as tf.Tensor4D);
    adv.dispose();
    return whole;
  } finally {
    tf.dispose([head, headLabels]);
  }
}

const LINF = normStrategy('linf');

/** x + delta in the eps-ball and [0,1]; delta is zero at the start (or when the batch's shape changed). */
const perturbed = (x: tf.Tensor4D, delta: tf.Tensor4D | null, eps: number): tf.Tensor4D =>
  tf.tidy(() => (delta && delta.shape.every((d, i) => d === x.shape[i]) ? LINF.project(tf.add(x, delta) as tf.Tensor4D, x, eps) : tf.clone(x)));

export const METHOD_STEPS: { readonly [K in TrainingMethodKind]: MethodStep<MethodOf<K>> } = {
  clean: {
    inputs: async (_, __, x) => tf.clone(x),
    objective: (train, _, x, labels) => crossEntropyOn(train, x, labels, null),
  },
  // One FGSM step from a uniform random start (Wong et al. 2020).
  fast: {
    inputs: (attacked, m, x, labels, count, seed) =>
      replaceHead(x, labels, count, (head, l) =>
        pgdExamples(attacked, head, l, { eps: m.eps, stepSize: m.stepSize, steps: 1, randomStart: m.randomStart, seed }),
      ),
    objective: (train, _, x, labels, adv) => crossEntropyOn(train, x, labels, adv),
  },
  pgd: {
    inputs: (attacked, m, x, labels, count, seed) =>
      replaceHead(x, labels, count, (head, l) =>
        pgdExamples(attacked, head, l, { eps: m.eps, stepSize: m.stepSize, steps: m.steps, randomStart: m.randomStart, seed }),
      ),
    objective: (train, _, x, labels, adv) => crossEntropyOn(train, x, labels, adv),
  },
  // The m adversarial images alone: the KL term compares them with their clean logits.
  trades: {
    inputs: async (attacked, m, x, _, count, seed) => {
      const head = count === x.shape[0] ? x : (tf.slice(x, 0, count) as tf.Tensor4D);
      try {
        return await tradesExamples(attacked, head, { eps: m.eps, stepSize: m.stepSize, steps: m.steps, seed });
      } finally {
        if (head !== x) head.dispose();
      }
    },
    objective: (train, m, x, labels, adv) => {
      if (!adv) return crossEntropyOn(train, x, labels, null);
      const n = x.shape[0];
      const count = adv.shape[0];
      return () => {
        const z = train(x);
        const zAdv = train(adv);
        const zHead = count === n ? z : (tf.slice(z, 0, count) as tf.Tensor2D);
        // KL summed over the adversarial images, averaged over the whole batch (TRADES' batchmean when m = n).
        const kl = tf.div(tf.sum(klDivergence(zHead, zAdv)), n);
        return { loss: tf.add(meanCrossEntropy(z, labels), tf.mul(kl, m.beta)) as tf.Scalar, logits: z };
      };
    },
  },
  // Shafahi et al. 2019: train on x + delta; the same backward pass's input gradient moves delta by one FGSM step.
  free: {
    inputs: async (_, m, x, __, ___, ____, carried) => perturbed(x, carried, m.eps),
    objective: (train, _, x, labels, adv) => crossEntropyOn(train, x, labels, adv),
    carry: (m, x, adv, g) =>
      tf.tidy(() => tf.sub(LINF.project(tf.add(adv, tf.mul(tf.sign(g), m.stepSize)) as tf.Tensor4D, x, m.eps), x) as tf.Tensor4D),
  },
};
