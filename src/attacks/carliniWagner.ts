// Carlini-Wagner L2 (Carlini and Wagner 2017), untargeted and targeted.
// Variables live in tanh space: x' = (tanh(w) + 1) / 2 with w = atanh((2x - 1)(1 - 1e-6)) + delta, so x' is
// always a valid image. Adam on delta minimises, per image,
//   ||x' - x0||^2 + c * max(margin(Z(x')), -confidence)
// (x0 = x as the tanh space represents it; margin as in objectives.ts, negative when adversarial).
// A binary search over c per image: c grows x10 until an adversarial example is found, then bisects between
// the largest failing and smallest succeeding c. The smallest-L2 example that is adversarial with the required
// confidence is kept over the whole search; when none is found the result is x itself and success is false.
import * as tf from '@tensorflow/tfjs';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { margin } from './objectives.ts';
import { stepStats } from './progress.ts';
import { selectImages } from './select.ts';
import type { CarliniWagnerConfig } from './types.ts';

// A type alias (not an interface) so that tf.tidy accepts it as a TensorContainer.
type CwStepOut = {
  delta: tf.Tensor4D; m: tf.Tensor4D; v: tf.Tensor4D; found: tf.Tensor1D;
  bestAdv: tf.Tensor4D; bestL2: tf.Tensor1D; stats: tf.Tensor2D;
};

const TANH_SCALE = 1 - 1e-6;
const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

export async function carliniWagnerL2(ctx: AttackContext, config: CarliniWagnerConfig): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n, numClasses } = ctx;
  const { steps, binarySearchSteps, confidence, learningRate } = config;
  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  // Confidence-adjusted logits decide success during the search: the reference logit is raised by kappa
  // (untargeted) or the target's lowered by it (targeted), as in the original's compare().
  const kappaShift = own(tf.tidy(() => tf.mul(tf.oneHot(ref, numClasses).asType('float32'), targeted ? -confidence : confidence)));
  const wx = own(tf.tidy(() => tf.atanh(tf.mul(tf.sub(tf.mul(x, 2), 1), TANH_SCALE))));
  const x0 = own(tf.tidy(() => tf.div(tf.add(tf.tanh(wx), 1), 2)));
  let bestAdv: tf.Tensor4D = tf.clone(x);
  let bestL2: tf.Tensor1D = tf.fill([n], Infinity) as tf.Tensor1D;
  let delta: tf.Tensor4D | null = null;
  let m: tf.Tensor4D | null = null;
  let v: tf.Tensor4D | null = null;
  let found: tf.Tensor1D | null = null;
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
      const c = tf.tensor1d(consts, 'float32');
      delta = tf.zerosLike(x);
      m = tf.zerosLike(x);
      v = tf.zerosLike(x);
      found = tf.zeros([n], 'bool') as tf.Tensor1D;
      let lossAtCheck = Infinity;
      try {
        for (let t = 0; t < steps; t++) {
          const d0: tf.Tensor4D = delta!, m0: tf.Tensor4D = m!, v0: tf.Tensor4D = v!, f0: tf.Tensor1D = found!;
          const b0: tf.Tensor4D = bestAdv, l0: tf.Tensor1D = bestL2;
          const out: CwStepOut = tf.tidy((): CwStepOut => {
            const kept: tf.Tensor[] = [];
            const { value, grad } = tf.valueAndGrad((dd: tf.Tensor) => {
              const xAdv = tf.div(tf.add(tf.tanh(tf.add(wx, dd)), 1), 2) as tf.Tensor4D;
              const z = model(xAdv);
              const dist = tf.sum(tf.square(tf.sub(xAdv, x0)), [1, 2, 3]) as tf.Tensor1D;
              const hinge = tf.maximum(margin(z, ref, targeted), -confidence);
              const obj = tf.add(dist, tf.mul(c, hinge)) as tf.Tensor1D;
              kept.push(tf.keep(xAdv), tf.keep(dist), tf.keep(z), tf.keep(obj));
              return tf.sum(obj);
            })(d0);
            value.dispose();
            const [xa, dist, z, obj] = kept.map((k) => {
              const cl = tf.clone(k);
              k.dispose();
              return cl;
            }) as [tf.Tensor4D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
            // Adam (bias-corrected) on delta.
            const g = grad as tf.Tensor4D;
            const step = t + 1;
            const mNew = tf.add(tf.mul(m0, ADAM.beta1), tf.mul(g, 1 - ADAM.beta1)) as tf.Tensor4D;
            const vNew = tf.add(tf.mul(v0, ADAM.beta2), tf.mul(tf.square(g), 1 - ADAM.beta2)) as tf.Tensor4D;
            const mHat = tf.div(mNew, 1 - ADAM.beta1 ** step);
            const vHat = tf.div(vNew, 1 - ADAM.beta2 ** step);
            const dNew = tf.sub(d0, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM.epsilon)), learningRate)) as tf.Tensor4D;
            // The point just evaluated: is it adversarial with the required confidence, and the closest yet?
            const advK = isAdversarial(tf.add(z, kappaShift) as tf.Tensor2D, ref, targeted);
            const improved = tf.logicalAnd(advK, tf.less(dist, l0));
            return {
              delta: dNew, m: mNew, v: vNew,
              found: tf.logicalOr(f0, advK) as tf.Tensor1D,
              bestAdv: selectImages(improved, xa, b0),
              bestL2: selectImages(improved, dist, l0),
              stats: stepStats(obj, margin(z, ref, targeted), tf.sqrt(dist) as tf.Tensor1D, z),
            };
          });
          for (const t0 of [d0, m0, v0, f0, b0, l0]) t0.dispose();
          ({ delta, m, v, found, bestAdv, bestL2 } = out);
          gradientEvaluations++;
          const data = await progress.read(out.stats);
          progress.record(data, { round: search, step: t, progress: (search * steps + t + 1) / (binarySearchSteps * steps) });
          for (let i = 0; i < n; i++) stepsUsed[i]!++;
          await progress.pause();
          if (config.abortEarly && t % checkEvery === 0) {
            let loss = 0;
            for (let i = 0; i < n; i++) loss += data[4 * i]!;
            if (!(loss <= 0.9999 * lossAtCheck)) break;
            lossAtCheck = loss;
          }
        }
        const success = await progress.readFlags(found!);
        found = null;
        for (let i = 0; i < n; i++) {
          const ci = consts[i]!;
          if (success[i]) upper[i] = Math.min(upper[i]!, ci);
          else lower[i] = Math.max(lower[i]!, ci);
          consts[i] = Number.isFinite(upper[i]!) ? (lower[i]! + upper[i]!) / 2 : ci * 10;
        }
      } finally {
        c.dispose();
        delta?.dispose();
        m?.dispose();
        v?.dispose();
        found?.dispose();
        delta = m = v = found = null;
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
