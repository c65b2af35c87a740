// Per-image selection: where(mask[i], a[i], b[i]) for tensors whose first axis is the image.
import * as tf from '@tensorflow/tfjs';

export function selectImages<T extends tf.Tensor>(mask: tf.Tensor, a: T, b: T): T {
  return tf.tidy(() => {
    const shape = [mask.shape[0], ...new Array<number>(a.rank - 1).fill(1)];
    return tf.where(tf.reshape(tf.cast(mask, 'bool'), shape), a, b) as T;
  });
}
