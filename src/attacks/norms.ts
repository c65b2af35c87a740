// Per-norm strategies (random start, step normalisation, projection) and the norms of a perturbation.
import * as tf from '@tensorflow/tfjs';
import type { Norm, PerturbationNorms } from './types.ts';

/** An entry counts towards L0 when it changed by more than half an 8-bit level. */
export const L0_THRESHOLD = 0.5 / 255;

export interface NormStrategy {
  /** x + a perturbation drawn uniformly from the eps-ball, clipped to [0,1]. */
  randomStart(x: tf.Tensor4D, eps: number, seed: number): tf.Tensor4D;
  /** The steepest-ascent direction of unit size for this norm: sign(g) for linf, g/||g||_2 for l2. */
  normalizeStep(grad: tf.Tensor4D): tf.Tensor4D;
  /** Projects xAdv onto the eps-ball around x, then onto [0,1]. */
  project(xAdv: tf.Tensor4D, x: tf.Tensor4D, eps: number): tf.Tensor4D;
  /** ||delta|| per image. */
  measure(delta: tf.Tensor4D): tf.Tensor1D;
  /**
   * The dual norm of g over its last axis (l2 for l2, l1 for linf): how fast the linear function g.r grows per
   * unit of this norm of r. Distances to a linearised boundary divide by it (DeepFool).
   */
  dualNorm(g: tf.Tensor): tf.Tensor;
  /**
   * The step r of the given length in this norm along which g.r grows fastest, per row of g [rows, d]:
   * g * length / ||g||_2 for l2 (gDual = ||g||_2), sign(g) * length for linf.
   */
  steepestStep(g: tf.Tensor2D, gDual: tf.Tensor1D, length: tf.Tensor1D): tf.Tensor2D;
}

/** Per-image reduction over all axes but the first. */
function flat(t: tf.Tensor4D): tf.Tensor2D {
  return tf.reshape(t, [t.shape[0], -1]);
}

function l2PerImage(delta: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => tf.sqrt(tf.sum(tf.square(flat(delta)), 1)) as tf.Tensor1D);
}

function linfPerImage(delta: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => tf.max(tf.abs(flat(delta)), 1) as tf.Tensor1D);
}

/** [n,1,1,1] view of a per-image vector, to scale images. */
export function perImage(v: tf.Tensor1D): tf.Tensor4D {
  return tf.reshape(v, [v.shape[0], 1, 1, 1]);
}

const linf: NormStrategy = {
  randomStart: (x, eps, seed) => tf.tidy(() => tf.clipByValue(tf.add(x, tf.randomUniform(x.shape, -eps, eps, 'float32', seed)), 0, 1) as tf.Tensor4D),
  normalizeStep: (grad) => tf.tidy(() => tf.sign(grad) as tf.Tensor4D),
  project: (xAdv, x, eps) => tf.tidy(() => tf.clipByValue(tf.minimum(tf.maximum(xAdv, tf.sub(x, eps)), tf.add(x, eps)), 0, 1) as tf.Tensor4D),
  measure: linfPerImage,
  dualNorm: (g) => tf.tidy(() => tf.sum(tf.abs(g), -1)),
  steepestStep: (g, _gDual, length) => tf.tidy(() => tf.mul(tf.sign(g), tf.reshape(length, [-1, 1])) as tf.Tensor2D),
};

const l2: NormStrategy = {
  randomStart: (x, eps, seed) =>
    tf.tidy(() => {
      // Uniform in the ball: a Gaussian direction, radius eps * u^(1/d).
      const n = x.shape[0];
      const d = x.size / n;
      const dir = tf.randomNormal(x.shape, 0, 1, 'float32', seed) as tf.Tensor4D;
      const unit = tf.div(dir, perImage(tf.maximum(l2PerImage(dir), 1e-12)));
      const radius = tf.mul(tf.pow(tf.randomUniform([n], 0, 1, 'float32', seed + 1), 1 / d), eps) as tf.Tensor1D;
      return tf.clipByValue(tf.add(x, tf.mul(unit, perImage(radius))), 0, 1) as tf.Tensor4D;
    }),
  normalizeStep: (grad) => tf.tidy(() => tf.div(grad, perImage(tf.maximum(l2PerImage(grad), 1e-12))) as tf.Tensor4D),
  project: (xAdv, x, eps) =>
    tf.tidy(() => {
      const delta = tf.sub(xAdv, x) as tf.Tensor4D;
      const factor = tf.minimum(1, tf.div(eps, tf.maximum(l2PerImage(delta), 1e-12))) as tf.Tensor1D;
      return tf.clipByValue(tf.add(x, tf.mul(delta, perImage(factor))), 0, 1) as tf.Tensor4D;
    }),
  measure: l2PerImage,
  dualNorm: (g) => tf.tidy(() => tf.sqrt(tf.sum(tf.square(g), -1))),
  steepestStep: (g, gDual, length) => tf.tidy(() => tf.mul(g, tf.reshape(tf.div(length, tf.add(gDual, 1e-8)), [-1, 1])) as tf.Tensor2D),
};

const STRATEGIES: Record<Norm, NormStrategy> = { linf, l2 };

export function normStrategy(norm: Norm): NormStrategy {
  return STRATEGIES[norm];
}

/** [n,3] tensor of (l0, l2, linf) of adv - x per image. */
export function perturbationNormsTensor(x: tf.Tensor4D, adv: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const delta = tf.sub(adv, x) as tf.Tensor4D;
    const l0 = tf.sum(tf.cast(tf.greater(tf.abs(flat(delta)), L0_THRESHOLD), 'float32'), 1);
    return tf.stack([l0, l2PerImage(delta), linfPerImage(delta)], 1) as tf.Tensor2D;
  });
}

/** The norms of adv - x per image, read back. */
export async function perturbationNorms(x: tf.Tensor4D, adv: tf.Tensor4D): Promise<PerturbationNorms[]> {
  const t = perturbationNormsTensor(x, adv);
  try {
    const d = await t.data();
    return Array.from({ length: x.shape[0] }, (_, i) => ({ l0: d[3 * i]!, l2: d[3 * i + 1]!, linf: d[3 * i + 2]! }));
  } finally {
    t.dispose();
  }
}
