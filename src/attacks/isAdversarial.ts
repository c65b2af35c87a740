// The one definition of success. Untargeted: the predicted class differs from the reference label.
// Targeted: the predicted class equals the target.
import * as tf from '@tensorflow/tfjs';

/** Per image (bool [n]): is the prediction behind these logits adversarial for `ref` (labels, or targets)? */
export function isAdversarial(logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D {
  return tf.tidy(() => {
    const pred = tf.argMax(logits, 1);
    return (targeted ? tf.equal(pred, ref) : tf.notEqual(pred, ref)) as tf.Tensor1D;
  });
}
