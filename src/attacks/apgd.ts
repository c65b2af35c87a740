// Auto-PGD (Croce and Hein 2020, "Reliable evaluation of adversarial robustness with an ensemble of diverse
// parameter-free attacks"), following the authors' AutoAttack code: from a random start, steps of size eta
// (2 eps at first) with momentum 0.75,
//   z = P(x_k + eta * step(grad)),  x_{k+1} = P(x_k + 0.75 (z - x_k) + 0.25 (x_k - x_{k-1})),
// and at checkpoints (the first after 22% of the steps, then at shrinking intervals, never under 6%) eta halves
// for an image, which goes back to its highest-loss point, when the loss rose at no more than 75% of the steps
// since the last checkpoint, or when the step size was kept and the best loss did not improve. An image leaves
// once it is adversarial. The loss is cross-entropy, or the difference of logits ratio (DLR), which a model's
// logit scale cannot hide behind:
//   untargeted  -(z_y - max_{i != y} z_i) / (z_(1) - z_(3))
//   targeted    -(max_{i != t} z_i - z_t) / (z_(1) - (z_(3) + z_(4)) / 2)
// with z_(k) the k-th largest logit. (AutoAttack's targeted DLR has the true class where this has the best
// class other than the target: the attack context knows only the target; they agree whenever the model still
// says the true class.)
// APGD-T (loss 'dlr-t', untargeted): AutoAttack's targeted DLR, -(z_y - z_t) / (z_(1) - (z_(3) + z_(4)) / 2), aimed
// at each of the APGD_T_CLASSES classes with the highest clean logits after the first, one after another (the
// restarts per class); an image is done once its class changes, whichever it becomes. Aiming at one class finds
// points that the untargeted losses, pulled towards the nearest class, miss.
import * as tf from '@tensorflow/tfjs';
import { gatherRows, mergeRows } from './activeRows.ts';
import { APGD_T_CLASSES } from './apgdAims.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { betterResult, isAdversarial } from './isAdversarial.ts';
import { iterate } from './iterative.ts';
import { normStrategy, perImage } from './norms.ts';
import { crossEntropy, margin, valueAndGradient } from './objectives.ts';
import { stepStats } from './progress.ts';
import { selectImages } from '../lib/index.ts';
import type { ApgdConfig, ApgdLoss, Norm } from './types.ts';

const MOMENTUM = 0.75;
/** A checkpoint halves eta where the loss rose at no more than this share of the steps since the last one. */
const RHO = 0.75;

/**
 * The steps (counted from 1: the points reached) after which APGD checks its progress: the first after 22% of
 * the steps, each interval 3% of them shorter than the one before, but at least 6% (and at least 1 step).
 */
export function apgdCheckpoints(steps: number): number[] {
  const first = Math.max(Math.floor(0.22 * steps), 1);
  const shortest = Math.max(Math.floor(0.06 * steps), 1);
  const shrink = Math.max(Math.floor(0.03 * steps), 1);
  const at: number[] = [];
  for (let k = first, w = first; w <= steps; k = Math.max(k - shrink, shortest), w += k) at.push(w);
  return at;
}

/**
 * At a checkpoint, per image, whether eta halves: the objective rose at no more than RHO of the `steps` since the
 * last checkpoint (it oscillates or sits at a corner), or eta was kept there and the best objective has not
 * improved since. In tf.tidy.
 */
export function apgdHalves(p: { rises: tf.Tensor1D; steps: number; halvedLast: tf.Tensor1D; checkedBest: tf.Tensor1D; bestLoss: tf.Tensor1D }): tf.Tensor1D {
  const oscillating = tf.lessEqual(p.rises, RHO * p.steps);
  const stalled = tf.logicalAnd(tf.equal(p.halvedLast, 0), tf.greaterEqual(p.checkedBest, p.bestLoss));
  return tf.logicalOr(oscillating, stalled) as tf.Tensor1D;
}

/**
 * One APGD move from cur (prev: the point before it): a projected step of eta along the gradient, then, but for
 * the first move, momentum: P(cur + MOMENTUM (z - cur) + (1 - MOMENTUM) (cur - prev)). In tf.tidy.
 */
export function apgdMove(p: { cur: tf.Tensor4D; prev: tf.Tensor4D; grad: tf.Tensor4D; eta: tf.Tensor1D; x: tf.Tensor4D; eps: number; norm: Norm; first: boolean }): tf.Tensor4D {
  const strategy = normStrategy(p.norm);
  const z = strategy.project(tf.add(p.cur, tf.mul(strategy.normalizeStep(p.grad), perImage(p.eta))) as tf.Tensor4D, p.x, p.eps);
  if (p.first) return z;
  const moved = tf.add(tf.add(p.cur, tf.mul(tf.sub(z, p.cur), MOMENTUM)), tf.mul(tf.sub(p.cur, p.prev), 1 - MOMENTUM));
  return strategy.project(moved as tf.Tensor4D, p.x, p.eps);
}

/**
 * The k largest logits per image, largest first, through ops with gradients (tfjs has none for topk): the max,
 * then the max of what is left once it is masked out, and so on. In tf.tidy.
 */
function largestLogits(logits: tf.Tensor2D, k: number): (i: number) => tf.Tensor1D {
  const values: tf.Tensor1D[] = [];
  let rest = logits;
  for (let i = 0; i < k; i++) {
    values.push(tf.max(rest, 1) as tf.Tensor1D);
    rest = tf.sub(rest, tf.mul(tf.oneHot(tf.argMax(rest, 1), logits.shape[1]), 1e9)) as tf.Tensor2D;
  }
  return (i) => values[i]!;
}

/** The objective APGD increases, per image (ref: the label, or the target when targeted). In tf.tidy. */
export function apgdObjective(loss: ApgdLoss, logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D {
  // DLR needs a third (targeted: a fourth) logit for its scale; with fewer classes it is cross-entropy.
  if (loss === 'ce' || logits.shape[1] < (targeted ? 4 : 3)) {
    const ce = crossEntropy(logits, ref);
    return targeted ? tf.neg(ce) : ce;
  }
  const at = largestLogits(logits, targeted ? 4 : 3);
  const scale = targeted ? tf.sub(at(0), tf.mul(tf.add(at(2), at(3)), 0.5)) : tf.sub(at(0), at(2));
  return tf.div(tf.neg(margin(logits, ref, targeted)), tf.add(scale, 1e-12)) as tf.Tensor1D;
}

/**
 * AutoAttack's targeted DLR for an untargeted attack: how far the aim's logit has come up to the label's, scaled by
 * the gap between the largest logit and the mean of the third and fourth. In tf.tidy.
 */
export function apgdAimedObjective(logits: tf.Tensor2D, label: tf.Tensor1D, aim: tf.Tensor1D): tf.Tensor1D {
  const classes = logits.shape[1];
  if (classes < 4) return tf.neg(crossEntropy(logits, aim));
  const at = largestLogits(logits, 4);
  const logitOf = (c: tf.Tensor1D) => tf.sum(tf.mul(tf.oneHot(c, classes), logits), 1);
  const scale = tf.sub(at(0), tf.mul(tf.add(at(2), at(3)), 0.5));
  return tf.div(tf.neg(tf.sub(logitOf(label), logitOf(aim))), tf.add(scale, 1e-12)) as tf.Tensor1D;
}

/** APGD-T's aims per image: the classes of the 2nd to (APGD_T_CLASSES + 1)-th largest clean logits. */
function aimsOf(cleanLogits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const k = Math.min(APGD_T_CLASSES + 1, cleanLogits.shape[1]);
    return tf.slice(tf.topk(cleanLogits, k).indices, [0, 1], [-1, k - 1]) as tf.Tensor2D;
  });
}

/** One image's search: its clean image and reference, where it is, and the bookkeeping of its step size. */
type ApgdRows = {
  x: tf.Tensor4D; ref: tf.Tensor1D;
  /** APGD-T: the class this round aims at; absent for the other losses. */
  aim?: tf.Tensor1D;
  cur: tf.Tensor4D; prev: tf.Tensor4D; eta: tf.Tensor1D;
  /** The objective at the previous point, for counting the steps that raised it. */
  lastLoss: tf.Tensor1D;
  /** The highest objective so far, where it was reached and the gradient there. */
  bestLoss: tf.Tensor1D; bestX: tf.Tensor4D; bestGrad: tf.Tensor4D;
  /** Steps since the last checkpoint that raised the objective. */
  rises: tf.Tensor1D;
  /** At the last checkpoint: the best objective, and whether eta was halved (1) or not (0). */
  checkedBest: tf.Tensor1D; halvedLast: tf.Tensor1D;
};
/** Per image, the best point over all rounds: adversarial over not, then the lower margin. */
type ApgdBatch = { adv: tf.Tensor4D; advLogits: tf.Tensor2D };

export async function autoPgd(ctx: AttackContext, config: Omit<ApgdConfig, 'kind'>): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n, cleanLogits } = ctx;
  const strategy = normStrategy(config.norm);
  const steps = config.eps === 0 ? 0 : config.steps;
  const checkpoints = apgdCheckpoints(steps);
  // With a goal given, 'dlr-t' aims at it alone: the targeted DLR.
  const aimed = config.loss === 'dlr-t' && !targeted;
  const aims = aimed ? aimsOf(cleanLogits) : null;
  const perAim = aimed ? aims!.shape[1] : 1;
  /** Every image's aim in a round (the restarts for one aim, then the next). In tf.tidy. */
  const aimAt = (round: number) => tf.squeeze(tf.slice(aims!, [0, Math.floor(round / config.restarts)], [-1, 1]), [1]) as tf.Tensor1D;
  const objective = (z: tf.Tensor2D, r: tf.Tensor1D, aim?: tf.Tensor1D) =>
    aim ? apgdAimedObjective(z, r, aim) : apgdObjective(config.loss === 'dlr-t' ? 'dlr' : config.loss, z, r, targeted);
  /** Later rounds (restarts) attack only the images not adversarial yet. */
  const moving = new Array<boolean>(n).fill(true);

  /** b's rows for the images behind `rows`, replaced where (point, logits) is better. */
  const keepBetter = (b: ApgdBatch, rows: number[], back: number[], point: tf.Tensor4D, z: tf.Tensor2D, r: tf.Tensor1D): ApgdBatch => {
    const [bestX, bestZ] = [gatherRows(b.adv, rows), gatherRows(b.advLogits, rows)];
    const better = betterResult(z, bestZ, r, targeted);
    return { adv: mergeRows(b.adv, selectImages(better, point, bestX), back), advLogits: mergeRows(b.advLogits, selectImages(better, z, bestZ), back) };
  };

  try {
    const { batch, steps: used, gradientEvaluations } = await iterate<ApgdRows, ApgdBatch>({
      // APGD-T: for each aim in turn, its restarts.
      rounds: config.eps === 0 ? 1 : config.restarts * perAim,
      steps,
      moving,
      batch: { adv: tf.clone(x), advLogits: tf.clone(cleanLogits) },
      startRound: (round, rows) => {
        const x0 = gatherRows(x, rows);
        const r = rows.length;
        const cur = strategy.randomStart(x0, config.eps, ctx.random.nextSeed());
        const aim = aims ? gatherRows(aimAt(round), rows) : undefined;
        return {
          rows: {
            x: x0, ref: gatherRows(ref, rows), ...(aim ? { aim } : {}), cur, prev: tf.clone(cur), eta: tf.fill([r], 2 * config.eps) as tf.Tensor1D,
            lastLoss: tf.fill([r], -Infinity) as tf.Tensor1D, bestLoss: tf.fill([r], -Infinity) as tf.Tensor1D,
            bestX: tf.clone(cur), bestGrad: tf.zerosLike(cur), rises: tf.zeros([r]) as tf.Tensor1D, checkedBest: tf.fill([r], -Infinity) as tf.Tensor1D,
            halvedLast: tf.ones([r]) as tf.Tensor1D,
          },
        };
      },
      step: ({ rows: s, batch: b, t, observed, active: { rows, back } }) => {
        const { grad, logits, objective: loss } = valueAndGradient(s.cur, (v) => {
          const z = model(v);
          return { logits: z, objective: objective(z, s.ref, s.aim) };
        });
        const kept = keepBetter(b, rows, back, s.cur, logits, s.ref);
        // The point reached after t steps: count a rise, keep it if it is the highest yet.
        let rises = t > 0 ? (tf.add(s.rises, tf.cast(tf.greater(loss, s.lastLoss), 'float32')) as tf.Tensor1D) : s.rises;
        const higher = tf.greater(loss, s.bestLoss);
        const bestLoss = tf.where(higher, loss, s.bestLoss) as tf.Tensor1D;
        const bestX = selectImages(higher, s.cur, s.bestX);
        const bestGrad = selectImages(higher, grad, s.bestGrad);
        let [cur, g, eta, checkedBest, halvedLast] = [s.cur, grad, s.eta, s.checkedBest, s.halvedLast];
        const check = checkpoints.indexOf(t);
        if (check >= 0) {
          const halve = apgdHalves({ rises, steps: t - (check > 0 ? checkpoints[check - 1]! : 0), halvedLast: s.halvedLast, checkedBest: s.checkedBest, bestLoss });
          eta = tf.where(halve, tf.mul(s.eta, 0.5), s.eta) as tf.Tensor1D;
          cur = selectImages(halve, bestX, s.cur);
          g = selectImages(halve, bestGrad, grad);
          halvedLast = tf.cast(halve, 'float32') as tf.Tensor1D;
          checkedBest = bestLoss;
          rises = tf.zerosLike(rises);
        }
        const next = apgdMove({ cur, prev: s.prev, grad: g, eta, x: s.x, eps: config.eps, norm: config.norm, first: t === 0 });
        // After the last step its point is judged too (one forward pass), since no step follows to do it.
        const batch = t === steps - 1 ? keepBetter(kept, rows, back, next, model(next), s.ref) : kept;
        return {
          rows: { ...s, cur: next, prev: cur, eta, lastLoss: loss, bestLoss, bestX, bestGrad, rises, checkedBest, halvedLast },
          batch,
          stats: observed ? stepStats(loss, margin(logits, s.ref, targeted), strategy.measure(tf.sub(s.cur, s.x) as tf.Tensor4D), logits) : undefined,
          done: isAdversarial(logits, s.ref, targeted),
        };
      },
      endRound: (round, __, b) => ({
        stats: stepStats(objective(b.advLogits, ref, aims ? aimAt(round) : undefined), margin(b.advLogits, ref, targeted), strategy.measure(tf.sub(b.adv, x) as tf.Tensor4D), b.advLogits),
        flags: isAdversarial(b.advLogits, ref, targeted),
      }),
      nextRound: (_, adversarial) => {
        adversarial.forEach((a, i) => (moving[i] = !a));
        return moving.some(Boolean);
      },
    }, n, progress);
    return { adversarial: batch.adv, advLogits: batch.advLogits, steps: used, gradientEvaluations };
  } finally {
    aims?.dispose();
  }
}
