// Carlini-Wagner L2 (Carlini and Wagner 2017), untargeted and targeted.
// Variables live in tanh space: x' = (tanh(w) + 1) / 2 with w = atanh((2x - 1)(1 - 1e-6)) + delta, so x' is
// always a valid image. Adam on delta minimises, per image,
//   ||x' - x0||^2 + c * max(margin(Z(x')), -confidence)
// (x0 = x as the tanh space represents it; margin as in objectives.ts, negative when adversarial).
// A binary search over c per image: c grows x10 until an adversarial example is found, then bisects between
// the largest failing and smallest succeeding c. The smallest-L2 example that is adversarial with the required
// confidence is kept over the whole search; when none is found the result is x itself and success is false.
// An image the model already gets wrong (or, targeted, already calls the target) is returned as it is, at once.
// Abort-early is per image: every steps/10 steps, an image whose loss fell by less than 0.01% stops for the rest
// of that search (the original and foolbox test the batch's summed loss, which is this at batch 1). An image's
// result so does not depend on the batch it runs in, and stopped images leave the computation (the shell's
// active rows).
import * as tf from '@tensorflow/tfjs';
import { adamUpdate } from './adam.ts';
import { gatherRows, mergeRows } from './activeRows.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { iterate } from './iterative.ts';
import { margin, valueAndGradient } from './objectives.ts';
import { pointStats } from './progress.ts';
import { selectImages } from '../lib/index.ts';
import type { CarliniWagnerConfig } from './types.ts';

const TANH_SCALE = 1 - 1e-6;

/** Added to logits, shifts them by the confidence: the reference logit up (untargeted) or the target's down. In tf.tidy. */
function confidenceShift(ref: tf.Tensor1D, classes: number, confidence: number, targeted: boolean): tf.Tensor2D {
  return tf.mul(tf.oneHot(ref, classes).asType('float32'), targeted ? -confidence : confidence) as tf.Tensor2D;
}

/** Per image: adversarial with the required confidence (the original's compare()). In tf.tidy. */
export function fooledWithConfidence(logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean, confidence: number): tf.Tensor1D {
  return isAdversarial(tf.add(logits, confidenceShift(ref, logits.shape[1], confidence, targeted)) as tf.Tensor2D, ref, targeted);
}

/** The image a point of tanh space stands for. */
function fromTanh(w: tf.Tensor4D): tf.Tensor4D {
  return tf.div(tf.add(tf.tanh(w), 1), 2) as tf.Tensor4D;
}

/** One search's optimisation state and inputs, one row per active image. */
type CwRows = {
  wx: tf.Tensor4D;
  x0: tf.Tensor4D;
  ref: tf.Tensor1D;
  kappaShift: tf.Tensor2D;
  c: tf.Tensor1D;
  delta: tf.Tensor4D;
  m: tf.Tensor4D;
  v: tf.Tensor4D;
};
/** Per image: the closest adversarial example so far, its squared L2 distance, and whether this search found one. */
type CwBatch = { bestAdv: tf.Tensor4D; bestSquaredL2: tf.Tensor1D; found: tf.Tensor1D };

/** The binary search over c, per image, on the host. */
class ConstSearch {
  readonly consts: number[];
  private readonly lower: number[];
  private readonly upper: number[];

  constructor(
    n: number,
    private readonly config: CarliniWagnerConfig,
  ) {
    this.consts = new Array<number>(n).fill(config.initialConst);
    this.lower = new Array<number>(n).fill(0);
    this.upper = new Array<number>(n).fill(Infinity);
  }

  /** The constants of search `round`: with many searches the last one uses the upper bound (original and foolbox). */
  at(round: number): number[] {
    if (this.config.binarySearchSteps >= 10 && round === this.config.binarySearchSteps - 1) {
      this.upper.forEach((u, i) => Number.isFinite(u) && (this.consts[i] = u));
    }
    return this.consts;
  }

  /** After a search: bisect where it succeeded, else grow c x10 until a success bounds it. */
  update(success: boolean[]): void {
    success.forEach((ok, i) => {
      const ci = this.consts[i]!;
      if (ok) this.upper[i] = Math.min(this.upper[i]!, ci);
      else this.lower[i] = Math.max(this.lower[i]!, ci);
      this.consts[i] = Number.isFinite(this.upper[i]!) ? (this.lower[i]! + this.upper[i]!) / 2 : ci * 10;
    });
  }
}

export async function carliniWagnerL2(ctx: AttackContext, config: CarliniWagnerConfig): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n, numClasses } = ctx;
  const { steps, confidence, learningRate } = config;
  const search = new ConstSearch(n, config);
  const checkEvery = Math.max(1, Math.ceil(steps / 10));
  const lossAtCheck = new Array<number>(n);
  const fixed = tf.tidy(() => {
    const wx = tf.atanh(tf.mul(tf.sub(tf.mul(x, 2), 1), TANH_SCALE)) as tf.Tensor4D;
    // Confidence-shifted logits decide success during the search (fooledWithConfidence, row by row).
    return { wx, x0: fromTanh(wx), kappaShift: confidenceShift(ref, numClasses, confidence, targeted) };
  });
  try {
    // An image already adversarial (with the required confidence, the registry's rule) is its own closest
    // adversarial example: it does not search.
    const {
      batch,
      steps: used,
      gradientEvaluations,
    } = await iterate<CwRows, CwBatch>(
      {
        rounds: config.binarySearchSteps,
        steps,
        standing: ctx.standing,
        batch: { bestAdv: tf.clone(x), bestSquaredL2: tf.fill([n], Infinity) as tf.Tensor1D, found: tf.zeros([n], 'bool') as tf.Tensor1D },
        startRound: (round, { rows }, b) => {
          lossAtCheck.fill(Infinity);
          const consts = search.at(round);
          const wx = gatherRows(fixed.wx, rows);
          return {
            rows: {
              wx,
              x0: gatherRows(fixed.x0, rows),
              ref: gatherRows(ref, rows),
              kappaShift: gatherRows(fixed.kappaShift, rows),
              c: tf.tensor1d(
                rows.map((i) => consts[i]!),
                'float32',
              ),
              delta: tf.zerosLike(wx),
              m: tf.zerosLike(wx),
              v: tf.zerosLike(wx),
            },
            batch: { ...b, found: tf.zeros([n], 'bool') as tf.Tensor1D },
          };
        },
        step: ({ rows: s, batch: b, t, active: { rows, back } }) => {
          const { grad, image, squaredL2, logits, objective } = valueAndGradient(s.delta, (delta) => {
            const image = fromTanh(tf.add(s.wx, delta) as tf.Tensor4D);
            const logits = model(image);
            const squaredL2 = tf.sum(tf.square(tf.sub(image, s.x0)), [1, 2, 3]) as tf.Tensor1D;
            const hinge = tf.maximum(margin(logits, s.ref, targeted), -confidence);
            return { image, logits, squaredL2, objective: tf.add(squaredL2, tf.mul(s.c, hinge)) as tf.Tensor1D };
          });
          const { param: delta, m, v } = adamUpdate({ param: s.delta, m: s.m, v: s.v }, grad, t + 1, learningRate);
          // The point just evaluated: is it adversarial with the required confidence, and the closest yet?
          const adv = isAdversarial(tf.add(logits, s.kappaShift) as tf.Tensor2D, s.ref, targeted);
          const rowBest = gatherRows(b.bestSquaredL2, rows);
          const improved = tf.logicalAnd(adv, tf.less(squaredL2, rowBest));
          return {
            rows: { ...s, delta, m, v },
            batch: {
              bestAdv: mergeRows(b.bestAdv, selectImages(improved, image, gatherRows(b.bestAdv, rows)), back),
              bestSquaredL2: mergeRows(b.bestSquaredL2, selectImages(improved, squaredL2, rowBest), back),
              found: mergeRows(b.found, tf.logicalOr(gatherRows(b.found, rows), adv) as tf.Tensor1D, back),
            },
            stats: pointStats(objective, tf.sqrt(squaredL2) as tf.Tensor1D, logits, s.ref, targeted),
          };
        },
        goesOn: (i, { loss }, t) => {
          if (!config.abortEarly || t % checkEvery !== 0 || t === steps - 1) return true;
          if (!(loss <= 0.9999 * lossAtCheck[i]!)) return false;
          lossAtCheck[i] = loss;
          return true;
        },
        endRound: (_, __, b) => ({ flags: b.found }),
        nextRound: (_, found) => (search.update(found), true),
      },
      n,
      progress,
    );
    tf.dispose([batch.bestSquaredL2, batch.found]);
    return { adversarial: batch.bestAdv, steps: used, gradientEvaluations };
  } finally {
    tf.dispose(Object.values(fixed));
  }
}
