// Square Attack (Andriushchenko, Croce, Flammarion and Hein 2020): a random search that sees only the model's
// answers (its logits), never a gradient, so a defence that hides or breaks gradients cannot hide from it.
// L-infinity: start from vertical stripes of +-eps (one sign per column and channel); then each query redraws one
// square window of the perturbation with a fresh +-eps per channel and keeps it only where the loss fell. The
// window's side shrinks on AutoAttack's schedule: s = round(sqrt(p h w)), p halving at 10, 50, 200, 500, 1000, 2000,
// 4000, 6000 and 8000 ten-thousandths of the budget. L2 (a simpler form of the paper's centred window pairs): the
// perturbation always has norm eps; a query redraws one window as a random +-1 pattern per channel carrying that
// window's share of the norm plus any share the [0,1] clipping left unused.
// Loss: the margin z_label - max_other (untargeted), cross-entropy of the target (targeted). An image leaves once
// it is adversarial, and an image the model gets wrong from the start is never queried; one that is never fooled
// is queried exactly `queries` times, the stripes included.
import * as tf from '@tensorflow/tfjs';
import { gatherRows, mergeRows } from './activeRows.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { iterate } from './iterative.ts';
import { normStrategy, perImage } from './norms.ts';
import { crossEntropy, margin } from './objectives.ts';
import { pointStats } from './progress.ts';
import { selectImages } from '../lib/index.ts';
import type { SeededRandom } from '../lib/index.ts';
import type { SquareConfig } from './types.ts';

/** Budget shares (in ten-thousandths of the queries) after which p halves once more. */
const HALVINGS = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];

/** The share p of the image a window covers at query `i` of `queries` (AutoAttack's schedule). */
export function squareShare(pInit: number, i: number, queries: number): number {
  const at = Math.floor((i / queries) * 10000);
  const halved = HALVINGS.filter((h) => at > h).length;
  return pInit / 2 ** halved;
}

/** The window's side for share p on an h x w image: round(sqrt(p h w)), at least 1 and at most h - 1. */
export function squareSide(p: number, h: number, w: number): number {
  return Math.max(1, Math.min(h - 1, Math.round(Math.sqrt(p * h * w))));
}

/** The loss Square lowers, per image: the margin (untargeted) or the target's cross-entropy. In tf.tidy. */
function squareLoss(logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D {
  return targeted ? crossEntropy(logits, ref) : margin(logits, ref, false);
}

/** A +-1 per (row, channel) as [rows, 1, 1, c], and a 0/1 window mask [rows, h, w, 1], one window per row. */
function drawWindows(random: SeededRandom, rows: number, h: number, w: number, c: number, side: number): { signs: tf.Tensor4D; mask: tf.Tensor4D } {
  const signs = new Float32Array(rows * c);
  const mask = new Float32Array(rows * h * w);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < c; k++) signs[r * c + k] = random.next() < 0.5 ? -1 : 1;
    const top = Math.floor(random.next() * (h - side + 1));
    const left = Math.floor(random.next() * (w - side + 1));
    for (let i = top; i < top + side; i++) mask.fill(1, r * h * w + i * w + left, r * h * w + i * w + left + side);
  }
  return { signs: tf.tensor4d(signs, [rows, 1, 1, c]), mask: tf.tensor4d(mask, [rows, h, w, 1]) };
}

/** The stripes the search starts from: +-1 per (row, column, channel), the same down each column: [rows, 1, w, c]. */
function drawStripes(random: SeededRandom, rows: number, w: number, c: number): tf.Tensor4D {
  const v = Float32Array.from({ length: rows * w * c }, () => (random.next() < 0.5 ? -1 : 1));
  return tf.tensor4d(v, [rows, 1, w, c]);
}

/** Per image, the sum of squares over all axes but the first. In tf.tidy. */
const energy = (t: tf.Tensor4D) => tf.sum(tf.square(tf.reshape(t, [t.shape[0], -1])), 1) as tf.Tensor1D;

type SquareRows = { x: tf.Tensor4D; ref: tf.Tensor1D; cur: tf.Tensor4D; loss: tf.Tensor1D };
type SquareBatch = { adv: tf.Tensor4D; advLogits: tf.Tensor2D };

export async function squareAttack(ctx: AttackContext, config: Omit<SquareConfig, 'kind'>): Promise<AttackOutput> {
  const { model, x, ref, targeted, progress, n, cleanLogits, random } = ctx;
  const [, h, w, c] = x.shape;
  const linf = config.norm === 'linf';
  const strategy = normStrategy(config.norm);
  const eps = config.eps;
  // The stripes are the first query; each step is one more.
  const steps = eps === 0 ? 0 : config.queries - 1;
  // Images already adversarial at x are not queried, nor any at eps 0.
  const standing = ctx.standing.map((s) => s && eps > 0);

  /** x + delta inside the ball and [0,1]. */
  const place = (x0: tf.Tensor4D, delta: tf.Tensor4D) => strategy.project(tf.add(x0, delta) as tf.Tensor4D, x0, eps);

  /** The stripes: +-eps per column and channel (L2: scaled to norm eps). */
  const stripes = (x0: tf.Tensor4D, rows: number) => {
    const s = tf.mul(drawStripes(random, rows, w, c), tf.ones([1, h, 1, 1])) as tf.Tensor4D;
    return place(x0, linf ? (tf.mul(s, eps) as tf.Tensor4D) : (tf.mul(s, eps / Math.sqrt(h * w * c)) as tf.Tensor4D));
  };

  /** One proposal per row: the window redrawn. */
  const propose = (s: SquareRows, t: number, rows: number) => {
    const side = squareSide(squareShare(config.pInit, t + 1, config.queries), h, w);
    const { signs, mask } = drawWindows(random, rows, h, w, c, side);
    const delta = tf.sub(s.cur, s.x) as tf.Tensor4D;
    const outside = tf.mul(delta, tf.sub(1, mask)) as tf.Tensor4D;
    if (linf) return place(s.x, tf.add(outside, tf.mul(mask, tf.mul(signs, eps))) as tf.Tensor4D);
    // The window's share of eps^2: what it held, plus what the whole perturbation leaves unused.
    const share = tf.relu(tf.sub(eps * eps, energy(outside)));
    const pattern = tf.mul(mask, signs) as tf.Tensor4D;
    const scale = tf.sqrt(tf.div(share, tf.maximum(energy(pattern), 1e-12)));
    return place(s.x, tf.add(outside, tf.mul(pattern, perImage(scale as tf.Tensor1D))) as tf.Tensor4D);
  };

  const { batch, steps: used } = await iterate<SquareRows, SquareBatch>(
    {
      rounds: 1,
      steps,
      standing,
      batch: { adv: tf.clone(x), advLogits: tf.clone(cleanLogits) },
      startRound: (_, { rows, back }, b) => {
        const x0 = gatherRows(x, rows);
        const r0 = gatherRows(ref, rows);
        const cur = stripes(x0, rows.length);
        const z = model(cur);
        return {
          rows: { x: x0, ref: r0, cur, loss: squareLoss(z, r0, targeted) },
          batch: { adv: mergeRows(b.adv, cur, back), advLogits: mergeRows(b.advLogits, z, back) },
        };
      },
      step: ({ rows: s, batch: b, t, observed, active: { rows, back } }) => {
        const next = propose(s, t, rows.length);
        const z = model(next);
        const loss = squareLoss(z, s.ref, targeted);
        const better = tf.less(loss, s.loss);
        const cur = selectImages(better, next, s.cur);
        const kept = tf.where(better, loss, s.loss) as tf.Tensor1D;
        const logits = selectImages(better, z, gatherRows(b.advLogits, rows));
        return {
          rows: { ...s, cur, loss: kept },
          batch: { adv: mergeRows(b.adv, cur, back), advLogits: mergeRows(b.advLogits, logits, back) },
          stats: observed ? pointStats(kept, strategy.measure(tf.sub(cur, s.x) as tf.Tensor4D), logits, s.ref, targeted) : undefined,
          done: isAdversarial(logits, s.ref, targeted),
        };
      },
    },
    n,
    progress,
  );
  // Queries per image: the stripes and one per step; none for an image not queried.
  return { adversarial: batch.adv, advLogits: batch.advLogits, steps: used.map((u, i) => (standing[i] ? u + 1 : 0)), gradientEvaluations: 0 };
}
