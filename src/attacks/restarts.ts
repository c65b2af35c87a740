// The result the iterative shell keeps for an attack that restarts (PGD, APGD): per image the best point offered so
// far, by the attack's better(a, b) rule; after each round the images whose result fools the model rest.
import type * as tf from '@tensorflow/tfjs';
import { gatherRows, mergeRows, type ActiveRows } from './activeRows.ts';
import { betterResult, isAdversarial } from './isAdversarial.ts';
import { selectImages } from '../lib/index.ts';

/** A candidate result per image (or per computed row): a point and its logits. */
export type Candidate = { point: tf.Tensor4D; logits: tf.Tensor2D };

export interface Restarts {
  /** The result before any round; absent, the first round's end offers every image's (wholeBatch). */
  initial?: Candidate;
  /** Per computed row (batch indices `rows`): is a better than b? In tf.tidy. */
  better(a: Candidate, b: Candidate, rows: number[]): tf.Tensor1D;
  /** Per image: does its result fool the model? A fooled image takes no further round. In tf.tidy. */
  fooled(logits: tf.Tensor2D): tf.Tensor1D;
  /** Every image standing at the start restarts while any stands (PGD: its random start is drawn for the whole batch). */
  wholeBatch?: boolean;
}

/** The usual rule (betterResult): an adversarial result over one that is not, then the lower margin; for ref and targeted. */
export function bestResult(ref: tf.Tensor1D, targeted: boolean): Pick<Restarts, 'better' | 'fooled'> {
  return {
    better: (a, b, rows) => betterResult(a.logits, b.logits, gatherRows(ref, rows), targeted),
    fooled: (logits) => isAdversarial(logits, ref, targeted),
  };
}

/** `kept` with the rows of `active` replaced where the offer is better. In tf.tidy. */
export function keepBetter(kept: Candidate | undefined, offer: Candidate, active: ActiveRows, restarts: Restarts): Candidate {
  const { rows, back } = active;
  if (!kept) {
    if (back.some((b, i) => b !== back.length + i)) throw new Error('a first offer without an initial result must cover every image in order');
    return offer;
  }
  const k: Candidate = { point: gatherRows(kept.point, rows), logits: gatherRows(kept.logits, rows) };
  const better = restarts.better(offer, k, rows);
  return {
    point: mergeRows(kept.point, selectImages(better, offer.point, k.point), back),
    logits: mergeRows(kept.logits, selectImages(better, offer.logits, k.logits), back),
  };
}
