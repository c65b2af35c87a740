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

/** A forward pass under the gradient tape: the per-image objective, and any tensors of the same pass to keep. */
export type Forward = { objective: tf.Tensor1D } & { [name: string]: tf.Tensor };

/**
 * Runs `f` on the variable v under a gradient tape and returns d(sum of objective)/dv together with everything
 * `f` returned, from that same forward pass (no second forward). Call inside tf.tidy: everything returned is
 * tracked by the enclosing scope.
 */
export function valueAndGradient<T extends tf.Tensor, F extends Forward>(v: T, f: (v: T) => F): F & { grad: T } {
  const kept: Record<string, tf.Tensor> = {};
  const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => {
    const out = f(t as T);
    for (const [name, k] of Object.entries(out)) kept[name] = tf.keep(k);
    return tf.sum(out.objective);
  })(v);
  value.dispose();
  // keep() marks tensors for every scope; clones share the data and are tracked by the caller's tidy.
  const out: Record<string, tf.Tensor> = {};
  for (const [name, k] of Object.entries(kept)) {
    out[name] = tf.clone(k);
    k.dispose();
  }
  return { ...(out as F), grad: grad as T };
}
