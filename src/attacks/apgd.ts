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
import { gatherRows } from './activeRows.ts';
import { aimedRounds, aimOfRound, apgdAims, apgdLoss } from './apgdLosses.ts';
import { apgdCheckpoints, apgdMove, apgdMoveFrom, apgdReached, apgdStart, type ApgdRows } from './apgdStep.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { iterate, type Tensors } from './iterative.ts';
import { normStrategy } from './norms.ts';
import { valueAndGradient } from './objectives.ts';
import { pointStats } from './progress.ts';
import { bestResult } from './restarts.ts';
import type { ApgdConfig } from './types.ts';

export async function autoPgd(ctx: AttackContext, config: Omit<ApgdConfig, 'kind'>): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n, cleanLogits } = ctx;
  const { eps, norm, restarts } = config;
  const strategy = normStrategy(norm);
  const steps = eps === 0 ? 0 : config.steps;
  const checkpoints = apgdCheckpoints(steps);
  const objective = apgdLoss(config.loss, targeted);
  // APGD-T aims at the top other classes in turn; with a goal given it aims at that goal alone.
  const aims = config.loss === 'dlr-t' && !targeted ? apgdAims(cleanLogits) : null;
  const aimAt = (round: number) => (aims ? aimOfRound(aims, round, restarts) : undefined);
  try {
    const {
      kept,
      steps: used,
      gradientEvaluations,
    } = await iterate<ApgdRows, Tensors>(
      {
        rounds: eps === 0 ? 1 : aimedRounds(aims ? aims.shape[1] : 1, restarts),
        steps,
        batch: {},
        standing: ctx.standing,
        // Every point a step reaches competes with the best so far, x itself first.
        restarts: { initial: { point: tf.clone(x), logits: tf.clone(cleanLogits) }, ...bestResult(ref, targeted) },
        startRound: (round, { rows }) => {
          const x0 = gatherRows(x, rows);
          const aim = aims ? gatherRows(aimAt(round)!, rows) : undefined;
          return { rows: apgdStart(x0, gatherRows(ref, rows), aim, strategy.randomStart(x0, eps, ctx.random.nextSeed()), eps) };
        },
        step: ({ rows: s, t, observed }) => {
          const {
            grad,
            logits,
            objective: loss,
          } = valueAndGradient(s.cur, (v) => {
            const z = model(v);
            return { logits: z, objective: objective(z, s.ref, s.aim) };
          });
          const reached = { ...s, ...apgdReached(s, t, loss, grad) };
          const { grad: g, ...from } = apgdMoveFrom(reached, grad, t, checkpoints);
          const next = apgdMove({ cur: from.cur, prev: s.prev, grad: g, eta: from.eta, x: s.x, eps, norm, first: t === 0 });
          const here = { point: s.cur, logits };
          return {
            rows: { ...reached, ...from, cur: next, prev: from.cur, lastLoss: loss },
            // After the last step its point is judged too (one forward pass), since no step follows to do it.
            offers: t === steps - 1 ? [here, { point: next, logits: model(next) }] : [here],
            stats: observed ? pointStats(loss, strategy.measure(tf.sub(s.cur, s.x) as tf.Tensor4D), logits, s.ref, targeted) : undefined,
            done: isAdversarial(logits, s.ref, targeted),
          };
        },
        // The round's end: every image's best result.
        endRound: (round, _, __, best) => ({
          stats: pointStats(
            objective(best!.logits, ref, aimAt(round)),
            strategy.measure(tf.sub(best!.point, x) as tf.Tensor4D),
            best!.logits,
            ref,
            targeted,
          ),
        }),
      },
      n,
      progress,
    );
    return { adversarial: kept!.point, advLogits: kept!.logits, steps: used, gradientEvaluations };
  } finally {
    aims?.dispose();
  }
}
