// DeepFool (Moosavi-Dezfooli et al. 2016) with foolbox's semantics, on logits, untargeted.
// Candidates: the top-k classes of the clean logits (k = candidates, the first being the clean prediction c0).
// Each step linearises f_k = z_k - z_c0 for every other candidate at the current point, picks the closest
// linearised boundary l = argmin |f_l| / ||w_l||* (the dual norm: l2 for l2, l1 for linf), and adds
//   l2:   (|f_l| / ||w_l||_2 + 1e-4) * w_l / ||w_l||_2
//   linf: (|f_l| / ||w_l||_1 + 1e-4) * sign(w_l)
// to the accumulated perturbation r. The overshoot is applied once, to the accumulated perturbation:
// x_adv = clip(x + (1 + overshoot) r, 0, 1). An image stops moving once it is adversarial.
//
// Cost: each step needs k-1 input gradients per image. They are computed on copies of the images that are not
// adversarial yet (activeRows.ts: on WebGL padded to a power of two, at most log2(n) + 1 distinct shapes), so a
// batch pays for its stragglers only.
import * as tf from '@tensorflow/tfjs';
import { activeRows, mergeRows } from './activeRows.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { normStrategy } from './norms.ts';
import { margin } from './objectives.ts';
import { stepStats } from './progress.ts';
import type { DeepFoolConfig } from './types.ts';

/** Largest batch of a gradient pass (copies of the bucket, one per candidate), to bound memory. */
const MAX_ROWS = 256;

/** Candidate groups [j0, j1) so that (j1 - j0) * rows <= MAX_ROWS, in as few, as equal passes as possible. */
function candidateGroups(others: number, rows: number): [number, number][] {
  const passes = Math.ceil(others / Math.max(1, Math.floor(MAX_ROWS / rows)));
  const per = Math.ceil(others / passes);
  const groups: [number, number][] = [];
  for (let j = 0; j < others; j += per) groups.push([j, Math.min(others, j + per)]);
  return groups;
}

export async function deepFool(ctx: AttackContext, config: DeepFoolConfig): Promise<AttackOutput> {
  const { model, x, ref, progress, n, cleanLogits, numClasses } = ctx;
  const k = Math.min(config.candidates, numClasses);
  const others = k - 1;
  const [, h, w, ch] = x.shape;
  const d = h * w * ch;
  const strategy = normStrategy(config.norm);
  let cur = tf.clone(x);
  let total = tf.zerosLike(x);
  let logits = tf.clone(cleanLogits);
  let gradientEvaluations = 0;
  const stepsUsed = new Array<number>(n).fill(0);
  // e_{c_j} - e_{c0} per candidate j and image: [others, n, classes].
  const diffOh = tf.tidy(() => {
    const top = tf.topk(cleanLogits, k).indices; // [n,k]
    const rest = tf.transpose(tf.slice(top, [0, 1], [n, others])); // [others,n]
    const origin = tf.reshape(tf.slice(top, [0, 0], [n, 1]), [1, n]);
    return tf.sub(tf.oneHot(rest as tf.Tensor2D, numClasses), tf.oneHot(tf.tile(origin, [others, 1]) as tf.Tensor2D, numClasses)).asType('float32') as tf.Tensor3D;
  });
  try {
    let advNow = await progress.readFlags(isAdversarial(logits, ref, false));
    // Latest linearised distance per image, reported as the trajectory's loss (0 once adversarial).
    const distance = new Array<number>(n).fill(0);
    const record = async (step: number | ((i: number) => number), stats: tf.Tensor2D, include: (i: number) => boolean) => {
      const data = await progress.read(stats);
      progress.record(data, { round: 0, step, progress: typeof step === 'number' ? step / config.steps : 1 }, include,
        (i) => (advNow[i] ? 0 : distance[i]!));
    };
    for (let step = 0; step < config.steps; step++) {
      if (advNow.every(Boolean)) break;
      const active = advNow.map((a) => !a);
      const { active: activeIdx, rows: bucket, back } = activeRows(active);
      const rows = bucket.length;
      const [c, t, z] = [cur, total, logits];
      const out = tf.tidy(() => {
        const idx = tf.tensor1d(bucket, 'int32');
        const cb = tf.gather(c, idx) as tf.Tensor4D;
        const zb = tf.gather(z, idx) as tf.Tensor2D;
        const diff = tf.gather(diffOh, idx, 1); // [others,rows,classes]
        // Gradients of f_j for every candidate, on copies of the bucket, several candidates per pass. The
        // objective is a sum of per-row terms, so row r's gradient is d(f_r)/d(x_r).
        const grads = candidateGroups(others, rows).map(([j0, j1]) => {
          const dj = tf.reshape(tf.slice(diff, [j0, 0, 0], [j1 - j0, rows, numClasses]), [(j1 - j0) * rows, numClasses]);
          const copies = j1 - j0 === 1 ? cb : (tf.tile(cb, [j1 - j0, 1, 1, 1]) as tf.Tensor4D);
          const { grad } = tf.valueAndGrad((v: tf.Tensor) => tf.sum(tf.mul(model(v as tf.Tensor4D), dj)))(copies);
          return tf.reshape(grad, [j1 - j0, rows, d]);
        });
        const g = grads.length === 1 ? grads[0]! : tf.concat(grads, 0); // [others,rows,d]
        const f = tf.sum(tf.mul(tf.expandDims(zb, 0), diff), 2); // f_j at the current point, [others,rows]
        const dual = config.norm === 'l2' ? tf.sqrt(tf.sum(tf.square(g), 2)) : tf.sum(tf.abs(g), 2);
        const dist = tf.div(tf.abs(f), tf.add(dual, 1e-8));
        const best = tf.argMin(dist, 0); // [rows]
        const pick = tf.cast(tf.equal(tf.reshape(tf.range(0, others, 1, 'int32'), [others, 1]), tf.reshape(best, [1, rows])), 'float32');
        const bestDist = tf.sum(tf.mul(pick, dist), 0);
        const bestG = tf.sum(tf.mul(tf.expandDims(pick, 2), g), 0); // [rows,d]
        const length = tf.add(bestDist, 1e-4); // foolbox: 1e-4 added to each step's length
        const stepDir = config.norm === 'l2'
          ? tf.mul(bestG, tf.reshape(tf.div(length, tf.add(tf.sum(tf.mul(pick, dual), 0), 1e-8)), [rows, 1]))
          : tf.mul(tf.sign(bestG), tf.reshape(length, [rows, 1]));
        const totalB = tf.add(tf.gather(t, idx), tf.reshape(stepDir, [rows, h, w, ch]));
        const movedB = tf.clipByValue(tf.add(tf.gather(x, idx), tf.mul(totalB, 1 + config.overshoot)), 0, 1) as tf.Tensor4D;
        const logitsB = model(movedB);
        return {
          next: mergeRows(c, movedB, back),
          newTotal: mergeRows(t, totalB as tf.Tensor4D, back),
          newLogits: mergeRows(z, logitsB, back),
          bestDist,
          // The state before this step, for the trajectory.
          stats: stepStats(tf.zeros([n]), margin(z, ref, false), strategy.measure(tf.sub(c, x) as tf.Tensor4D), z),
        };
      });
      cur = out.next;
      total = out.newTotal;
      logits = out.newLogits;
      c.dispose();
      t.dispose();
      z.dispose();
      gradientEvaluations += (others * rows) / n;
      const distB = await out.bestDist.data();
      out.bestDist.dispose();
      activeIdx.forEach((i, r) => (distance[i] = distB[r]!));
      await record(step, out.stats, (i) => active[i]!);
      advNow = await progress.readFlags(isAdversarial(logits, ref, false));
      for (const i of activeIdx) stepsUsed[i]!++;
      await progress.pause();
    }
    // Final state of every image.
    const c = cur;
    const z = logits;
    await record((i) => stepsUsed[i]!, tf.tidy(() => stepStats(tf.zeros([n]), margin(z, ref, false), strategy.measure(tf.sub(c, x) as tf.Tensor4D), z)), () => true);
    const out: AttackOutput = { adversarial: cur, advLogits: logits, steps: stepsUsed, gradientEvaluations };
    cur = null as unknown as tf.Tensor4D;
    logits = null as unknown as tf.Tensor2D;
    return out;
  } finally {
    cur?.dispose();
    logits?.dispose();
    total.dispose();
    diffOh.dispose();
  }
}
