// DeepFool (Moosavi-Dezfooli et al. 2016) with foolbox's semantics, on logits, untargeted.
// Candidates: the top-k classes of the clean logits (k = candidates, the first being the clean prediction c0).
// Each step linearises f_k = z_k - z_c0 for every other candidate at the current point, picks the closest
// linearised boundary l = argmin |f_l| / ||w_l||* (the dual norm: l2 for l2, l1 for linf), and adds
//   l2:   (|f_l| / ||w_l||_2 + 1e-4) * w_l / ||w_l||_2
//   linf: (|f_l| / ||w_l||_1 + 1e-4) * sign(w_l)
// to the accumulated perturbation r. The overshoot is applied once, to the accumulated perturbation:
// x_adv = clip(x + (1 + overshoot) r, 0, 1). An image stops moving once it is adversarial.
import * as tf from '@tensorflow/tfjs';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { normStrategy } from './norms.ts';
import { margin } from './objectives.ts';
import { stepStats } from './progress.ts';
import { selectImages } from './select.ts';
import type { DeepFoolConfig } from './types.ts';

export async function deepFool(ctx: AttackContext, config: DeepFoolConfig): Promise<AttackOutput> {
  const { model, x, ref, progress, n, cleanLogits } = ctx;
  const k = Math.min(config.candidates, ctx.numClasses);
  const others = k - 1;
  const [, h, w, ch] = x.shape;
  const d = h * w * ch;
  const strategy = normStrategy(config.norm);
  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  let cur = tf.clone(x);
  let total = tf.zerosLike(x);
  let logits = tf.clone(cleanLogits);
  let gradientEvaluations = 0;
  const stepsUsed = new Array<number>(n).fill(0);
  try {
    // Candidate classes, laid out to match tf.tile of the batch: row j*n + i is image i against candidate j+1.
    const { candidateOh, originOh } = tf.tidy(() => {
      const top = tf.topk(cleanLogits, k).indices; // [n,k]
      const rest = tf.reshape(tf.transpose(tf.slice(top, [0, 1], [n, others])), [others * n]);
      const origin = tf.tile(tf.slice(top, [0, 0], [n, 1]).reshape([n]), [others]);
      return {
        candidateOh: own(tf.oneHot(rest as tf.Tensor1D, ctx.numClasses).asType('float32')),
        originOh: own(tf.oneHot(origin as tf.Tensor1D, ctx.numClasses).asType('float32')),
      };
    });
    let advNow = await progress.readFlags(isAdversarial(logits, ref, false));
    // Latest linearised distance per image, reported as the trajectory's loss (0 once adversarial).
    const distance = new Array<number>(n).fill(0);
    const record = async (step: number | ((i: number) => number), stats: tf.Tensor2D, include: (i: number) => boolean) => {
      const data = await progress.read(stats);
      progress.record(data, { round: 0, step, progress: typeof step === 'number' ? step / config.steps : 1 }, include, (i) => (advNow[i] ? 0 : distance[i]!));
    };
    for (let step = 0; step < config.steps; step++) {
      if (advNow.every(Boolean)) break;
      const active = advNow.map((a) => !a);
      const c = cur;
      const [t, z] = [total, logits];
      const out = tf.tidy(() => {
        const tiled = tf.tile(c, [others, 1, 1, 1]) as tf.Tensor4D;
        const tape = tf.valueAndGrad((v: tf.Tensor) => {
          const zz = model(v as tf.Tensor4D);
          return tf.sum(tf.mul(zz, tf.sub(candidateOh, originOh)));
        });
        // The loss is a sum of per-row terms, so the gradient of row r is d(f_r)/d(x_r).
        const { grad } = tape(tiled);
        const zz = tf.tile(z, [others, 1]);
        const f = tf.reshape(tf.sum(tf.mul(zz, tf.sub(candidateOh, originOh)), 1), [others, n]); // f_k at c
        const g = tf.reshape(grad, [others, n, d]);
        const dual = config.norm === 'l2' ? tf.sqrt(tf.sum(tf.square(g), 2)) : tf.sum(tf.abs(g), 2); // [others,n]
        const dist = tf.div(tf.abs(f), tf.add(dual, 1e-8));
        const bestK = tf.argMin(dist, 0); // [n]
        const pick = tf.cast(tf.equal(tf.reshape(tf.range(0, others, 1, 'int32'), [others, 1]), tf.reshape(bestK, [1, n])), 'float32'); // [others,n]
        const bestDist = tf.sum(tf.mul(pick, dist), 0); // [n]
        const bestG = tf.sum(tf.mul(tf.reshape(pick, [others, n, 1]), g), 0); // [n,d]
        const bestDual = tf.sum(tf.mul(pick, dual), 0);
        const length = tf.add(bestDist, 1e-4);
        const stepDir = config.norm === 'l2'
          ? tf.mul(bestG, tf.reshape(tf.div(length, tf.add(bestDual, 1e-8)), [n, 1]))
          : tf.mul(tf.sign(bestG), tf.reshape(length, [n, 1]));
        const activeMask = tf.tensor1d(active.map(Number), 'float32');
        const newTotal = tf.add(t, tf.mul(tf.reshape(stepDir, x.shape), tf.reshape(activeMask, [n, 1, 1, 1]))) as tf.Tensor4D;
        const moved = tf.clipByValue(tf.add(x, tf.mul(newTotal, 1 + config.overshoot)), 0, 1) as tf.Tensor4D;
        const next = selectImages(activeMask, moved, c);
        return { next, newTotal, bestDist };
      });
      gradientEvaluations += others;
      const distNow = await out.bestDist.data();
      out.bestDist.dispose();
      for (let i = 0; i < n; i++) if (active[i]) distance[i] = distNow[i]!;
      // The state before this step (its linearised distance is known now).
      await record(step, tf.tidy(() => stepStats(tf.zeros([n]), margin(z, ref, false), strategy.measure(tf.sub(c, x) as tf.Tensor4D), z)), (i) => active[i]!);
      cur = out.next;
      total = out.newTotal;
      c.dispose();
      t.dispose();
      // One forward pass tells which images are adversarial now.
      const nextLogits = tf.tidy(() => model(out.next));
      z.dispose();
      logits = nextLogits;
      advNow = await progress.readFlags(isAdversarial(logits, ref, false));
      for (let i = 0; i < n; i++) if (active[i]) stepsUsed[i]!++;
      await progress.pause();
    }
    // Final state of every image.
    const c = cur;
    await record((i) => stepsUsed[i]!, tf.tidy(() => stepStats(tf.zeros([n]), margin(logits, ref, false), strategy.measure(tf.sub(c, x) as tf.Tensor4D), logits)), () => true);
    const out: AttackOutput = { adversarial: cur, advLogits: logits, steps: stepsUsed, gradientEvaluations };
    cur = null as unknown as tf.Tensor4D;
    logits = null as unknown as tf.Tensor2D;
    return out;
  } finally {
    cur?.dispose();
    logits?.dispose();
    total.dispose();
    owned.forEach((t) => t.dispose());
  }
}
