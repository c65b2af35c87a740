// The one definition of success. Untargeted: the predicted class differs from the reference label.
// Targeted: the predicted class equals the target.
import * as tf from '@tensorflow/tfjs';
import { margin } from './objectives.ts';

/** Per image (bool [n]): is the prediction behind these logits adversarial for `ref` (labels, or targets)? */
export function isAdversarial(logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D {
  return tf.tidy(() => {
    const pred = tf.argMax(logits, 1);
    return (targeted ? tf.equal(pred, ref) : tf.notEqual(pred, ref)) as tf.Tensor1D;
  });
}

/**
 * Per image (bool [n]): is the result behind `logits` better than the one behind `bestLogits`? An adversarial one
 * beats one that is not; between two of a kind, the lower margin wins. How restarts and searches keep their best.
 */
export function betterResult(logits: tf.Tensor2D, bestLogits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D {
  return tf.tidy(() => {
    const adv = isAdversarial(logits, ref, targeted);
    const bestAdv = isAdversarial(bestLogits, ref, targeted);
    return tf.logicalOr(
      tf.logicalAnd(adv, tf.logicalNot(bestAdv)),
      tf.logicalAnd(tf.equal(adv, bestAdv), tf.less(margin(logits, ref, targeted), margin(bestLogits, ref, targeted))),
    ) as tf.Tensor1D;
  });
}
