// DeepFool (Moosavi-Dezfooli et al. 2016) with foolbox's semantics, on logits, untargeted.
// Candidates: the top-k classes of the clean logits (k = candidates, the first being the clean prediction c0).
// Each step linearises f_k = z_k - z_c0 for every other candidate at the current point, picks the closest
// linearised boundary l = argmin |f_l| / ||w_l||* (the dual norm: l2 for l2, l1 for linf), and adds
//   l2:   (|f_l| / ||w_l||_2 + 1e-4) * w_l / ||w_l||_2
//   linf: (|f_l| / ||w_l||_1 + 1e-4) * sign(w_l)
// to the accumulated perturbation r. The overshoot is applied once, to the accumulated perturbation:
// x_adv = clip(x + (1 + overshoot) r, 0, 1). An image stops moving once it is adversarial.
//
// Cost: each step needs k-1 input gradients per image, computed on copies of the images that are not
// adversarial yet (the shell's active rows: on WebGL padded to a power of two, at most log2(n) + 1 distinct
// shapes), so a batch pays for its stragglers only.
import * as tf from '@tensorflow/tfjs';
import { gatherRows, mergeRows } from './activeRows.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { iterate } from './iterative.ts';
import { normStrategy } from './norms.ts';
import { pointStats } from './progress.ts';
import type { DeepFoolConfig, ModelFn } from './types.ts';

/** Largest batch of a gradient pass (copies of the rows, one per candidate), to bound memory. */
const MAX_ROWS = 256;

/** Candidate groups [j0, j1) so that (j1 - j0) * rows <= MAX_ROWS, in as few, as equal passes as possible. */
function candidateGroups(others: number, rows: number): [number, number][] {
  const passes = Math.ceil(others / Math.max(1, Math.floor(MAX_ROWS / rows)));
  const per = Math.ceil(others / passes);
  const groups: [number, number][] = [];
  for (let j = 0; j < others; j += per) groups.push([j, Math.min(others, j + per)]);
  return groups;
}

/** e_{c_j} - e_{c0} for each other candidate j, per image: [n, others, classes]. */
function candidateDifferences(cleanLogits: tf.Tensor2D, k: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, classes] = cleanLogits.shape;
    const top = tf.topk(cleanLogits, k).indices; // [n,k]
    const rest = tf.oneHot(tf.slice(top, [0, 1], [n, k - 1]) as tf.Tensor2D, classes);
    return tf.sub(rest, tf.oneHot(tf.slice(top, [0, 0], [n, 1]) as tf.Tensor2D, classes)).asType('float32') as tf.Tensor3D;
  });
}

/** d(f_j)/dx for each candidate j (diff [others, rows, classes]) at x: [others, rows, d]. Call inside tf.tidy. */
function candidateGradients(model: ModelFn, x: tf.Tensor4D, diff: tf.Tensor3D): tf.Tensor3D {
  const [others, rows, classes] = diff.shape;
  // Several candidates per pass, on copies of the rows. The objective is a sum of per-row terms, so row r's
  // gradient is d(f_r)/d(x_r).
  const grads = candidateGroups(others, rows).map(([j0, j1]) => {
    const dj = tf.reshape(tf.slice(diff, [j0, 0, 0], [j1 - j0, rows, classes]), [(j1 - j0) * rows, classes]);
    const copies = j1 - j0 === 1 ? x : (tf.tile(x, [j1 - j0, 1, 1, 1]) as tf.Tensor4D);
    const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(model(v as tf.Tensor4D), dj)))(copies);
    return tf.reshape(grad, [j1 - j0, rows, -1]);
  });
  return (grads.length === 1 ? grads[0]! : tf.concat(grads, 0)) as tf.Tensor3D;
}

/** Per row, the candidate of the closest linearised boundary, as a one-hot over candidates: [others, rows]. */
function closest(dist: tf.Tensor2D): tf.Tensor2D {
  const [others, rows] = dist.shape;
  const best = tf.reshape(tf.argMin(dist, 0), [1, rows]);
  return tf.cast(tf.equal(tf.reshape(tf.range(0, others, 1, 'int32'), [others, 1]), best), 'float32') as tf.Tensor2D;
}

/** Each row's current point, its accumulated perturbation and logits, and what it needs from the batch. */
type DeepFoolRows = {
  x: tf.Tensor4D;
  cur: tf.Tensor4D;
  total: tf.Tensor4D;
  logits: tf.Tensor2D;
  ref: tf.Tensor1D;
  /** [rows, others, classes]: candidateDifferences of the row's image. */
  diff: tf.Tensor3D;
};
/** Every image's latest point, its logits and its latest linearised distance (the trajectory's loss). */
type DeepFoolBatch = { adv: tf.Tensor4D; advLogits: tf.Tensor2D; distance: tf.Tensor1D };

export async function deepFool(ctx: AttackContext, config: DeepFoolConfig): Promise<AttackOutput> {
  const { model, x, ref, progress, n, cleanLogits, numClasses } = ctx;
  const k = Math.min(config.candidates, numClasses);
  const [, h, w, ch] = x.shape;
  const strategy = normStrategy(config.norm);
  const diffs = candidateDifferences(cleanLogits, k);
  try {
    const { batch, steps, gradientEvaluations } = await iterate<DeepFoolRows, DeepFoolBatch>(
      {
        rounds: 1,
        steps: config.steps,
        standing: ctx.standing,
        passesPerRow: k - 1,
        batch: { adv: tf.clone(x), advLogits: tf.clone(cleanLogits), distance: tf.zeros([n]) },
        startRound: (_, { rows }) => ({
          rows: {
            x: gatherRows(x, rows),
            cur: gatherRows(x, rows),
            total: tf.zeros([rows.length, h, w, ch]),
            logits: gatherRows(cleanLogits, rows),
            ref: gatherRows(ref, rows),
            diff: gatherRows(diffs, rows),
          },
        }),
        step: ({ rows: s, batch: b, active: { back } }) => {
          const diff = tf.transpose(s.diff, [1, 0, 2]) as tf.Tensor3D; // [others, rows, classes]
          const g = candidateGradients(model, s.cur, diff);
          const f = tf.sum(tf.mul(tf.expandDims(s.logits, 0), diff), 2); // f_j at the current point, [others,rows]
          const dual = strategy.dualNorm(g) as tf.Tensor2D;
          const dist = tf.div(tf.abs(f), tf.add(dual, 1e-8)) as tf.Tensor2D;
          const pick = closest(dist);
          const bestDist = tf.sum(tf.mul(pick, dist), 0) as tf.Tensor1D;
          const bestG = tf.sum(tf.mul(tf.expandDims(pick, 2), g), 0) as tf.Tensor2D; // [rows,d]
          const length = tf.add(bestDist, 1e-4) as tf.Tensor1D; // foolbox: 1e-4 added to each step's length
          const r = strategy.steepestStep(bestG, tf.sum(tf.mul(pick, dual), 0) as tf.Tensor1D, length);
          const total = tf.add(s.total, tf.reshape(r, s.cur.shape)) as tf.Tensor4D;
          const cur = tf.clipByValue(tf.add(s.x, tf.mul(total, 1 + config.overshoot)), 0, 1) as tf.Tensor4D;
          const logits = model(cur);
          return {
            rows: { ...s, cur, total, logits },
            batch: {
              adv: mergeRows(b.adv, cur, back),
              advLogits: mergeRows(b.advLogits, logits, back),
              distance: mergeRows(b.distance, bestDist, back),
            },
            stats: pointStats(bestDist, strategy.measure(tf.sub(s.cur, s.x) as tf.Tensor4D), s.logits, s.ref, false),
            done: isAdversarial(logits, s.ref, false),
          };
        },
        // Every image's final state; the loss (the distance left to the boundary) is 0 once adversarial.
        endRound: (_, __, b) => ({
          stats: pointStats(
            tf.where(isAdversarial(b.advLogits, ref, false), tf.zerosLike(b.distance), b.distance) as tf.Tensor1D,
            strategy.measure(tf.sub(b.adv, x) as tf.Tensor4D),
            b.advLogits,
            ref,
            false,
          ),
        }),
      },
      n,
      progress,
    );
    batch.distance.dispose();
    return { adversarial: batch.adv, advLogits: batch.advLogits, steps, gradientEvaluations };
  } finally {
    diffs.dispose();
  }
}
