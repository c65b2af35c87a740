// Projected Gradient Descent (Madry et al. 2018): from x (or a random point of the eps-ball), repeat
// x <- project(x + stepSize * normalizeStep(grad of the loss)), keeping the best result per image over restarts.
// Untargeted ascends the cross-entropy of the label; targeted descends the cross-entropy of the target.
import * as tf from '@tensorflow/tfjs';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { normStrategy } from './norms.ts';
import { crossEntropy, margin, valueAndGradient } from './objectives.ts';
import { stepStats } from './progress.ts';
import { selectImages } from './select.ts';
import type { ModelFn, Norm, PgdConfig } from './types.ts';

export type PgdParams = Omit<PgdConfig, 'kind'>;

/**
 * The loss-increasing (untargeted) or target-approaching (targeted) direction at x, normalised for the norm
 * (sign of the gradient for linf, unit L2 vector for l2), with the logits and loss of the same forward pass.
 * Call inside tf.tidy.
 */
export function attackDirection(
  model: ModelFn, x: tf.Tensor4D, ref: tf.Tensor1D, targeted: boolean, norm: Norm,
): { direction: tf.Tensor4D; logits: tf.Tensor2D; loss: tf.Tensor1D } {
  const { grad, logits, objective } = valueAndGradient(x, (v) => {
    const z = model(v);
    return { logits: z, objective: crossEntropy(z, ref) };
  });
  const unit = normStrategy(norm).normalizeStep(grad);
  return { direction: targeted ? tf.neg(unit) : unit, logits, loss: objective };
}

export async function projectedGradientDescent(ctx: AttackContext, p: PgdParams): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n } = ctx;
  const strategy = normStrategy(p.norm);
  // eps = 0 leaves x where it is: no steps, no random start.
  const steps = p.eps === 0 ? 0 : p.steps;
  const rounds = p.eps === 0 ? 1 : p.restarts;
  const totalWork = Math.max(1, rounds * steps);
  let best: tf.Tensor4D | null = null;
  let bestLogits: tf.Tensor2D | null = null;
  let cur: tf.Tensor4D | null = null;
  let gradientEvaluations = 0;
  const stepsUsed = new Array<number>(n).fill(0);
  try {
    for (let round = 0; round < rounds; round++) {
      cur = p.randomStart && steps > 0 ? strategy.randomStart(x, p.eps, ctx.random.nextSeed()) : tf.clone(x);
      for (let t = 0; t < steps; t++) {
        const c: tf.Tensor4D = cur;
        const { next, stats } = tf.tidy(() => {
          const { direction, logits, loss } = attackDirection(model, c, ref, targeted, p.norm);
          const moved = tf.add(c, tf.mul(direction, p.stepSize)) as tf.Tensor4D;
          return {
            next: strategy.project(moved, x, p.eps),
            stats: stepStats(loss, margin(logits, ref, targeted), strategy.measure(tf.sub(c, x) as tf.Tensor4D), logits),
          };
        });
        c.dispose();
        cur = next;
        gradientEvaluations++;
        const data = await progress.read(stats);
        progress.record(data, { round, step: t, progress: (round * steps + t + 1) / totalWork });
        await progress.pause();
      }
      for (let i = 0; i < n; i++) stepsUsed[i]! += steps;
      // The end point of this run: one forward pass, kept as the result's logits.
      const c: tf.Tensor4D = cur;
      const { logits, stats, adv, m } = tf.tidy(() => {
        const z = model(c);
        const mm = margin(z, ref, targeted);
        return { logits: z, m: mm, adv: isAdversarial(z, ref, targeted), stats: stepStats(crossEntropy(z, ref), mm, strategy.measure(tf.sub(c, x) as tf.Tensor4D), z) };
      });
      progress.record(await progress.read(stats), { round, step: steps, progress: ((round + 1) * steps) / totalWork });
      if (!best || !bestLogits) {
        best = cur;
        bestLogits = logits;
        cur = null;
      } else {
        // Keep per image: a success over a failure, else the lower margin.
        const b: tf.Tensor4D = best, bl: tf.Tensor2D = bestLogits;
        const kept = tf.tidy((): { best: tf.Tensor4D; logits: tf.Tensor2D } => {
          const bAdv = isAdversarial(bl, ref, targeted);
          const better = tf.logicalOr(tf.logicalAnd(adv, tf.logicalNot(bAdv)),
            tf.logicalAnd(tf.equal(adv, bAdv), tf.less(m, margin(bl, ref, targeted))));
          return {
            best: selectImages(better, c, b),
            logits: selectImages(better, logits, bl),
          };
        });
        b.dispose();
        bl.dispose();
        c.dispose();
        logits.dispose();
        cur = null;
        best = kept.best;
        bestLogits = kept.logits;
      }
      m.dispose();
      adv.dispose();
      if (round === rounds - 1) break;
      // Another restart only when some image is not adversarial yet.
      const allAdv = tf.tidy(() => tf.all(isAdversarial(bestLogits!, ref, targeted)));
      const done = (await allAdv.data())[0] === 1;
      allAdv.dispose();
      if (done) break;
      await progress.pause();
    }
    const out: AttackOutput = { adversarial: best!, advLogits: bestLogits!, steps: stepsUsed, gradientEvaluations };
    best = null;
    bestLogits = null;
    return out;
  } finally {
    cur?.dispose();
    best?.dispose();
    bestLogits?.dispose();
  }
}
