// Per-image objectives on logits, shared by the attacks.
import * as tf from '@tensorflow/tfjs';

/** Cross-entropy of class `ref` per image: -log softmax(z)[ref]. */
export function crossEntropy(logits: tf.Tensor2D, ref: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const oh = tf.oneHot(ref, logits.shape[1]).asType('float32');
    return tf.neg(tf.sum(tf.mul(oh, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
  });
}

/**
 * Margin per image, negative when adversarial. Untargeted: z_ref - max_{i != ref} z_i.
 * Targeted (ref = target): max_{i != t} z_i - z_t. This is C&W's f before the confidence clamp.
 */
export function margin(logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D {
  return tf.tidy(() => {
    const oh = tf.oneHot(ref, logits.shape[1]).asType('float32');
    const refLogit = tf.sum(tf.mul(oh, logits), 1);
    const bestOther = tf.max(tf.sub(logits, tf.mul(oh, 1e9)), 1);
    return (targeted ? tf.sub(bestOther, refLogit) : tf.sub(refLogit, bestOther)) as tf.Tensor1D;
  });
}

/**
 * Runs `f` on the variable v under a gradient tape and returns d(sum of objective)/dv together with the
 * logits and the per-image objective of that same forward pass (no second forward). Call inside tf.tidy:
 * everything returned is tracked by the enclosing scope.
 */
export function valueAndGradient<T extends tf.Tensor>(
  v: T,
  f: (v: T) => { logits: tf.Tensor2D; objective: tf.Tensor1D },
): { grad: T; logits: tf.Tensor2D; objective: tf.Tensor1D } {
  const kept: tf.Tensor[] = [];
  const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => {
    const { logits, objective } = f(t as T);
    kept.push(tf.keep(logits), tf.keep(objective));
    return tf.sum(objective);
  })(v);
  value.dispose();
  // keep() marks tensors for every scope; clones share the data and are tracked by the caller's tidy.
  const [logits, objective] = kept.map((t) => {
    const c = tf.clone(t);
    t.dispose();
    return c;
  });
  return { grad: grad as T, logits: logits as tf.Tensor2D, objective: objective as tf.Tensor1D };
}
