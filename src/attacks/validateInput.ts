// The entry check of the input batch itself (shape, dtype, pixel range): the one check that needs tfjs.
import * as tf from '@tensorflow/tfjs';
import { AttackInputError } from './validate.ts';

/** Shape and value checks on the input batch (one reduction, read back asynchronously). */
export async function validateInput(x: tf.Tensor4D, labels: number[]): Promise<void> {
  if (!x || typeof x !== 'object' || !Array.isArray(x.shape)) throw new AttackInputError('x must be a tf.Tensor4D');
  if (x.isDisposed) throw new AttackInputError('x has been disposed');
  if (x.rank !== 4) throw new AttackInputError(`x must have shape [n, height, width, channels]; got [${x.shape.join(', ')}]`);
  if (x.shape.some((d) => d < 1)) throw new AttackInputError(`x must hold at least one image; got shape [${x.shape.join(', ')}]`);
  if (x.dtype !== 'float32') throw new AttackInputError(`x must be float32 pixels in [0,1]; got ${x.dtype}`);
  if (!Array.isArray(labels) || labels.length !== x.shape[0]) {
    throw new AttackInputError(
      `labels must hold one class per image: ${x.shape[0]} expected, got ${Array.isArray(labels) ? labels.length : typeof labels}`,
    );
  }
  const min = tf.min(x);
  const max = tf.max(x);
  try {
    const [lo, hi] = [(await min.data())[0]!, (await max.data())[0]!];
    if (!(lo >= 0 && hi <= 1)) {
      throw new AttackInputError(`x must hold pixels in [0,1]; its values span [${lo}, ${hi}] (divide 8-bit pixels by 255)`);
    }
  } finally {
    min.dispose();
    max.dispose();
  }
}
