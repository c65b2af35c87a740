// The filter of a stride-1 convolution's input gradient: dx is the convolution of dy with the forward filter
// turned by 180 degrees (tap (kh, kw) -> (fh-1-kh, fw-1-kw)) and its input and output channels swapped.
import * as tf from '@tensorflow/tfjs';

/**
 * [fh, fw, Co, Ci] from a [fh, fw, Ci, Co] filter. The turn is an exact product with the anti-diagonal permutation
 * of the fh*fw taps (one 1 a row): tfjs-wasm's Reverse took ~1.3 ms on a 3x3x128x128 filter, the product ~0.2 ms.
 */
export function turnedFilter(filter: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [fh, fw, ci, co] = filter.shape;
    const taps = fh * fw;
    const antiDiagonal = tf.tensor2d(
      Float32Array.from({ length: taps * taps }, (_, k) => (k % taps === taps - 1 - Math.floor(k / taps) ? 1 : 0)),
      [taps, taps],
    );
    const turned = tf.reshape(tf.matMul(antiDiagonal, tf.reshape(filter, [taps, ci * co])), [fh, fw, ci, co]);
    return tf.transpose(turned, [0, 1, 3, 2]) as tf.Tensor4D;
  });
}
