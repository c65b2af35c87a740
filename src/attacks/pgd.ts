// Projected Gradient Descent (Madry et al. 2018): from x (or a random point of the eps-ball), repeat
// x <- project(x + stepSize * normalizeStep(grad of the loss)); the shell keeps the best end point per image over
// the restarts, which start every image again while any still stands.
// Untargeted ascends the cross-entropy of the label; targeted descends the cross-entropy of the target.
import * as tf from '@tensorflow/tfjs';
import type { AttackContext, AttackOutput } from './context.ts';
import { iterate, type IterativeAttack, type Tensors } from './iterative.ts';
import { normStrategy } from './norms.ts';
import { crossEntropy, valueAndGradient } from './objectives.ts';
import { pointStats, type StepStats } from './progress.ts';
import { bestResult } from './restarts.ts';
import type { ModelFn, Norm, PgdConfig } from './types.ts';

export type PgdParams = Omit<PgdConfig, 'kind'>;

/**
 * The direction along which `loss` grows (or falls, when `descend`) fastest at x, normalised for the norm (sign
 * of the gradient for linf, unit L2 vector for l2), with the logits and loss of the same forward pass.
 * Call inside tf.tidy.
 */
function steepestDirection(
  model: ModelFn,
  x: tf.Tensor4D,
  loss: (logits: tf.Tensor2D) => tf.Tensor1D,
  descend: boolean,
  norm: Norm,
): { direction: tf.Tensor4D; logits: tf.Tensor2D; loss: tf.Tensor1D } {
  const { grad, logits, objective } = valueAndGradient(x, (v) => {
    const z = model(v);
    return { logits: z, objective: loss(z) };
  });
  return { direction: directionOf(grad, descend, norm), logits, loss: objective };
}

/** The gradient normalised for the norm, negated when descending. Call inside tf.tidy. */
function directionOf(grad: tf.Tensor4D, descend: boolean, norm: Norm): tf.Tensor4D {
  const unit = normStrategy(norm).normalizeStep(grad);
  return descend ? tf.neg(unit) : unit;
}

/** The loss-increasing (untargeted) or target-approaching (targeted) direction of FGSM and PGD. In tf.tidy. */
export function attackDirection(
  model: ModelFn,
  x: tf.Tensor4D,
  ref: tf.Tensor1D,
  targeted: boolean,
  norm: Norm,
): { direction: tf.Tensor4D; logits: tf.Tensor2D; loss: tf.Tensor1D } {
  return steepestDirection(model, x, (z) => crossEntropy(z, ref), targeted, norm);
}

/** PGD's iterate: the current point of every image. */
export type PgdRows = { cur: tf.Tensor4D };

export interface PgdLoop {
  model: ModelFn;
  /** The clean batch: the centre of the eps-ball. */
  x: tf.Tensor4D;
  /** The per-image loss the steps ascend (or descend). */
  loss: (logits: tf.Tensor2D) => tf.Tensor1D;
  descend: boolean;
  norm: Norm;
  eps: number;
  stepSize: number;
  /** The round's starting point (a new tensor). */
  start: (round: number) => tf.Tensor4D;
  /** Only when round 0 starts at x itself: the loss's gradient at x and the logits of that pass, already computed. */
  atX?: { grad: tf.Tensor4D; logits: tf.Tensor2D };
  /** The trajectory's statistics at cur, when observed. */
  stats?: (cur: tf.Tensor4D, logits: tf.Tensor2D, loss: tf.Tensor1D) => StepStats;
}

/** PGD's round start and step for the iterative shell; the attack and adversarial training add their round ends. */
export function pgdLoop<B extends Tensors>(p: PgdLoop): Pick<IterativeAttack<PgdRows, B>, 'startRound' | 'step'> {
  const strategy = normStrategy(p.norm);
  return {
    startRound: (round) => ({ rows: { cur: p.start(round) } }),
    step: ({ rows: { cur }, round, t, observed }) => {
      // Round 0 from x: its first gradient may be known already.
      const { direction, logits, loss } =
        round === 0 && t === 0 && p.atX
          ? { direction: directionOf(p.atX.grad, p.descend, p.norm), logits: p.atX.logits, loss: p.loss(p.atX.logits) }
          : steepestDirection(p.model, cur, p.loss, p.descend, p.norm);
      const next = strategy.project(tf.add(cur, tf.mul(direction, p.stepSize)) as tf.Tensor4D, p.x, p.eps);
      return { rows: { cur: next }, stats: observed && p.stats ? p.stats(cur, logits, loss) : undefined };
    },
  };
}

export async function projectedGradientDescent(ctx: AttackContext, p: PgdParams): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n } = ctx;
  const strategy = normStrategy(p.norm);
  // eps = 0 leaves x where it is: no steps, no random start.
  const steps = p.eps === 0 ? 0 : p.steps;
  const stats = (cur: tf.Tensor4D, z: tf.Tensor2D, loss: tf.Tensor1D) =>
    pointStats(loss, strategy.measure(tf.sub(cur, x) as tf.Tensor4D), z, ref, targeted);
  const {
    kept,
    steps: used,
    gradientEvaluations,
  } = await iterate<PgdRows, Tensors>(
    {
      rounds: p.eps === 0 ? 1 : p.restarts,
      steps,
      batch: {},
      standing: ctx.standing,
      // Each restart's end point competes with the best so far.
      restarts: { ...bestResult(ref, targeted), wholeBatch: true },
      ...pgdLoop({
        model,
        x,
        loss: (z) => crossEntropy(z, ref),
        descend: targeted,
        norm: p.norm,
        eps: p.eps,
        stepSize: p.stepSize,
        stats,
        atX: ctx.cleanGradient && !p.randomStart ? { grad: ctx.cleanGradient, logits: ctx.cleanLogits } : undefined,
        start: () => (p.randomStart && steps > 0 ? strategy.randomStart(x, p.eps, ctx.random.nextSeed()) : tf.clone(x)),
      }),
      // The end point of the round: one forward pass, its logits kept with it.
      endRound: (_, rows) => {
        const { cur } = rows!;
        const z = model(cur);
        return { offer: { point: cur, logits: z }, stats: stats(cur, z, crossEntropy(z, ref)) };
      },
    },
    n,
    progress,
  );
  return { adversarial: kept!.point, advLogits: kept!.logits, steps: used, gradientEvaluations };
}
