// The clean pass over x that runAttack makes before any attack: its logits check the model's output and feed
// the result. When the attack's first step is the cross-entropy gradient at x itself (FGSM, PGD without a
// random start), the same pass under a gradient tape yields that gradient too, and the attack skips a pass.
import * as tf from '@tensorflow/tfjs';
import { crossEntropy, valueAndGradient } from './objectives.ts';
import type { ModelFn } from './types.ts';

export interface CleanPass {
  logits: tf.Tensor2D;
  /** d(sum of the cross-entropy of ref)/dx at x, when asked for. */
  grad?: tf.Tensor4D;
}

/** ref: the labels or targets, not validated yet (a bad one only makes the gradient meaningless). New tensors. */
export function cleanPass(model: ModelFn, x: tf.Tensor4D, ref: number[], withGradient: boolean): CleanPass {
  if (withGradient) {
    try {
      return tf.tidy(() => {
        const r = tf.tensor1d(ref, 'int32');
        const { logits, grad } = valueAndGradient(x, (v) => {
          const z = model(v);
          return { logits: z, objective: crossEntropy(z, r) };
        });
        return { logits, grad };
      });
    } catch {
      // A malformed model output or reference fails here; the plain pass lets runAttack's checks say why.
    }
  }
  return { logits: tf.tidy(() => model(x)) };
}
