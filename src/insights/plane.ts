// The plane of the decision landscape: the attack direction and a random direction orthogonal to it, both
// scaled to L-infinity norm 1 so that a coefficient of 8/255 moves some pixel channel by exactly 8/255.
import * as tf from '@tensorflow/tfjs';

export interface Plane {
  /** The attack direction, max |d1| = 1. */
  d1: tf.Tensor4D;
  /** Random, orthogonal to d1 (dot product 0), max |d2| = 1. */
  d2: tf.Tensor4D;
}

/** d / max|d|. In tf.tidy. */
function unitLinf(d: tf.Tensor4D): tf.Tensor4D {
  return tf.div(d, tf.max(tf.abs(d))) as tf.Tensor4D;
}

/**
 * The plane through an image spanned by `attack` (any non-zero [1,h,w,c] tensor: an FGSM sign direction or a
 * perturbation) and a seeded random Gaussian direction with its component along `attack` removed (Gram-Schmidt;
 * rescaling keeps the two orthogonal). New tensors, owned by the caller.
 */
export function planeDirections(attack: tf.Tensor4D, seed: number): Plane {
  return tf.tidy(() => {
    const d1 = unitLinf(attack);
    const r = tf.randomNormal(attack.shape, 0, 1, 'float32', seed) as tf.Tensor4D;
    const along = tf.div(tf.sum(tf.mul(r, d1)), tf.sum(tf.square(d1)));
    const d2 = unitLinf(tf.sub(r, tf.mul(along, d1)) as tf.Tensor4D);
    return { d1, d2 };
  });
}
