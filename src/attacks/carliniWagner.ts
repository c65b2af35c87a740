// Carlini-Wagner L2 (Carlini and Wagner 2017), untargeted and targeted.
// Variables live in tanh space: x' = (tanh(w) + 1) / 2 with w = atanh((2x - 1)(1 - 1e-6)) + delta, so x' is
// always a valid image. Adam on delta minimises, per image,
//   ||x' - x0||^2 + c * max(margin(Z(x')), -confidence)
// (x0 = x as the tanh space represents it; margin as in objectives.ts, negative when adversarial).
// A binary search over c per image: c grows x10 until an adversarial example is found, then bisects between
// the largest failing and smallest succeeding c. The smallest-L2 example that is adversarial with the required
// confidence is kept over the whole search; when none is found the result is x itself and success is false.
// Abort-early is per image: every steps/10 steps, an image whose loss fell by less than 0.01% stops for the rest
// of that search (the original and foolbox test the batch's summed loss, which is this at batch 1). An image's
// result so does not depend on the batch it runs in, and stopped images leave the computation (activeRows.ts).
import * as tf from '@tensorflow/tfjs';
import { activeRows, gatherRows, mergeRows, type ActiveRows } from './activeRows.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { margin } from './objectives.ts';
import { stepStats } from './progress.ts';
import { selectImages } from './select.ts';
import type { CarliniWagnerConfig } from './types.ts';

const TANH_SCALE = 1 - 1e-6;
const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

export async function carliniWagnerL2(ctx: AttackContext, config: CarliniWagnerConfig): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n, numClasses } = ctx;
  const { steps, binarySearchSteps, confidence, learningRate } = config;
  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  // Confidence-adjusted logits decide success during the search: the reference logit is raised by kappa
  // (untargeted) or the target's lowered by it (targeted), as in the original's compare().
  const kappaShift = own(tf.tidy(() => tf.mul(tf.oneHot(ref, numClasses).asType('float32'), targeted ? -confidence : confidence)) as tf.Tensor2D);
  const wx = own(tf.tidy(() => tf.atanh(tf.mul(tf.sub(tf.mul(x, 2), 1), TANH_SCALE))) as tf.Tensor4D);
  const x0 = own(tf.tidy(() => tf.div(tf.add(tf.tanh(wx), 1), 2)) as tf.Tensor4D);
  let bestAdv: tf.Tensor4D = tf.clone(x);
  let bestL2: tf.Tensor1D = tf.fill([n], Infinity) as tf.Tensor1D;
  let gradientEvaluations = 0;
  const consts = new Array<number>(n).fill(config.initialConst);
  const lower = new Array<number>(n).fill(0);
  const upper = new Array<number>(n).fill(Infinity);
  const stepsUsed = new Array<number>(n).fill(0);
  const checkEvery = Math.max(1, Math.ceil(steps / 10));
  try {
    for (let search = 0; search < binarySearchSteps; search++) {
      // With many searches the last one uses the upper bound (original and foolbox).
      if (binarySearchSteps >= 10 && search === binarySearchSteps - 1) {
        for (let i = 0; i < n; i++) if (Number.isFinite(upper[i]!)) consts[i] = upper[i]!;
      }
      const success = new Array<boolean>(n).fill(false);
      const lossAtCheck = new Array<number>(n).fill(Infinity);
      let rows = activeRows(new Array<boolean>(n).fill(true));
      let state: CwRowState | null = initialRowState(rows.rows, { wx, x0, ref, kappaShift }, consts);
      try {
        for (let t = 0; t < steps; t++) {
          const s: CwRowState = state!, b0 = bestAdv, l0 = bestL2, back = rows.back;
          const out: CwStepOut = tf.tidy((): CwStepOut => {
            const kept: tf.Tensor[] = [];
            const { value, grad } = tf.valueAndGrad((dd: tf.Tensor) => {
              const xAdv = tf.div(tf.add(tf.tanh(tf.add(s.wx, dd)), 1), 2) as tf.Tensor4D;
              const z = model(xAdv);
              const dist = tf.sum(tf.square(tf.sub(xAdv, s.x0)), [1, 2, 3]) as tf.Tensor1D;
              const hinge = tf.maximum(margin(z, s.ref, targeted), -confidence);
              const obj = tf.add(dist, tf.mul(s.c, hinge)) as tf.Tensor1D;
              kept.push(tf.keep(xAdv), tf.keep(dist), tf.keep(z), tf.keep(obj));
              return tf.sum(obj);
            })(s.delta);
            value.dispose();
            const [xa, dist, z, obj] = kept.map((k) => {
              const cl = tf.clone(k);
              k.dispose();
              return cl;
            }) as [tf.Tensor4D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
            // Adam (bias-corrected) on delta.
            const g = grad as tf.Tensor4D;
            const step = t + 1;
            const m = tf.add(tf.mul(s.m, ADAM.beta1), tf.mul(g, 1 - ADAM.beta1)) as tf.Tensor4D;
            const v = tf.add(tf.mul(s.v, ADAM.beta2), tf.mul(tf.square(g), 1 - ADAM.beta2)) as tf.Tensor4D;
            const mHat = tf.div(m, 1 - ADAM.beta1 ** step);
            const vHat = tf.div(v, 1 - ADAM.beta2 ** step);
            const delta = tf.sub(s.delta, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM.epsilon)), learningRate)) as tf.Tensor4D;
            // The point just evaluated: is it adversarial with the required confidence, and the closest yet?
            const advK = isAdversarial(tf.add(z, s.kappaShift) as tf.Tensor2D, s.ref, targeted);
            const rowBestL2 = gatherRows(l0, s.rows);
            const improved = tf.logicalAnd(advK, tf.less(dist, rowBestL2));
            return {
              delta, m, v, found: tf.logicalOr(s.found, advK) as tf.Tensor1D,
              bestAdv: mergeRows(b0, selectImages(improved, xa, gatherRows(b0, s.rows)), back),
              bestL2: mergeRows(l0, selectImages(improved, dist, rowBestL2), back),
              stats: stepStats(obj, margin(z, s.ref, targeted), tf.sqrt(dist) as tf.Tensor1D, z),
            };
          });
          tf.dispose([s.delta, s.m, s.v, s.found, b0, l0]);
          state = { ...s, delta: out.delta, m: out.m, v: out.v, found: out.found };
          ({ bestAdv, bestL2 } = out);
          gradientEvaluations += s.rows.length / n;
          // Row r's statistics belong to image rows.active[r] (the padding rows are not read).
          const rowData = await progress.read(out.stats);
          const data = new Float32Array(4 * n);
          rows.active.forEach((i, r) => data.set(rowData.subarray(4 * r, 4 * r + 4), 4 * i));
          const isActive = new Array<boolean>(n).fill(false);
          rows.active.forEach((i) => (isActive[i] = true));
          progress.record(data, { round: search, step: t, progress: (search * steps + t + 1) / (binarySearchSteps * steps) }, (i) => isActive[i]!);
          for (const i of rows.active) stepsUsed[i]!++;
          await progress.pause();
          if (!config.abortEarly || t % checkEvery !== 0 || t === steps - 1) continue;
          for (const i of rows.active) {
            const loss = data[4 * i]!;
            if (loss <= 0.9999 * lossAtCheck[i]!) lossAtCheck[i] = loss;
            else isActive[i] = false;
          }
          if (isActive.filter(Boolean).length === rows.active.length) continue;
          await readSuccess(state, rows, success);
          if (!isActive.some(Boolean)) break;
          const narrower = activeRows(isActive);
          state = narrowRowState(state, rows, narrower);
          rows = narrower;
        }
        if (state) await readSuccess(state, rows, success);
        for (let i = 0; i < n; i++) {
          const ci = consts[i]!;
          if (success[i]) upper[i] = Math.min(upper[i]!, ci);
          else lower[i] = Math.max(lower[i]!, ci);
          consts[i] = Number.isFinite(upper[i]!) ? (lower[i]! + upper[i]!) / 2 : ci * 10;
        }
      } finally {
        if (state) disposeRowState(state);
        state = null;
      }
    }
    const out: AttackOutput = { adversarial: bestAdv, steps: stepsUsed, gradientEvaluations };
    bestAdv = null as unknown as tf.Tensor4D;
    return out;
  } finally {
    bestAdv?.dispose();
    bestL2.dispose();
    owned.forEach((t) => t.dispose());
  }
}

// A type alias (not an interface) so that tf.tidy accepts it as a TensorContainer.
type CwStepOut = {
  delta: tf.Tensor4D; m: tf.Tensor4D; v: tf.Tensor4D; found: tf.Tensor1D;
  bestAdv: tf.Tensor4D; bestL2: tf.Tensor1D; stats: tf.Tensor2D;
};

/** One search's optimisation state and inputs, one row per active image (see activeRows). */
type CwRowState = {
  rows: number[];
  wx: tf.Tensor4D; x0: tf.Tensor4D; ref: tf.Tensor1D; kappaShift: tf.Tensor2D; c: tf.Tensor1D;
  delta: tf.Tensor4D; m: tf.Tensor4D; v: tf.Tensor4D;
  /** Whether the row's image was adversarial (with the confidence) at some step of this search. */
  found: tf.Tensor1D;
};

function initialRowState(
  rows: number[], batch: { wx: tf.Tensor4D; x0: tf.Tensor4D; ref: tf.Tensor1D; kappaShift: tf.Tensor2D }, consts: number[],
): CwRowState {
  return tf.tidy(() => {
    const wx = gatherRows(batch.wx, rows);
    return {
      rows, wx, x0: gatherRows(batch.x0, rows), ref: gatherRows(batch.ref, rows), kappaShift: gatherRows(batch.kappaShift, rows),
      c: tf.tensor1d(rows.map((i) => consts[i]!), 'float32'),
      delta: tf.zerosLike(wx), m: tf.zerosLike(wx), v: tf.zerosLike(wx), found: tf.zeros([rows.length], 'bool') as tf.Tensor1D,
    };
  });
}

/** The state on the narrower rows (each image keeps its own row's state); disposes the old state. */
function narrowRowState(state: CwRowState, from: ActiveRows, to: ActiveRows): CwRowState {
  const rowOf = new Map(from.active.map((i, r) => [i, r]));
  const pick = to.rows.map((i) => rowOf.get(i)!);
  const { rows: _, ...tensors } = state;
  const next = tf.tidy(() => Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, gatherRows(t, pick)]))) as Omit<CwRowState, 'rows'>;
  disposeRowState(state);
  return { rows: to.rows, ...next };
}

function disposeRowState(state: CwRowState): void {
  const { rows: _, ...tensors } = state;
  tf.dispose(Object.values(tensors));
}

/** Marks success[i] for the active images found adversarial during this search so far. */
async function readSuccess(state: CwRowState, rows: ActiveRows, success: boolean[]): Promise<void> {
  const flags = await state.found.data();
  rows.active.forEach((i, r) => (success[i] = success[i]! || flags[r] !== 0));
}
