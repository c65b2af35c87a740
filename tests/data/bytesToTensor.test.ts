import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../node/tfBackend.ts';
import { IMAGE_SHAPE, imagesFromBytes } from '../../src/data/bytesToTensor.ts';

describe('imagesFromBytes', () => {
  beforeAll(() => useBackend('cpu'));

  it('reads 8-bit HWC images, row after row, as pixels in [0,1]', async () => {
    const bytes = Uint8Array.from({ length: 2 * 3072 }, (_, i) => (i * 7) % 256);
    const before = tf.memory().numTensors;
    const x = imagesFromBytes(bytes, 2);
    expect(x.shape).toEqual([2, ...IMAGE_SHAPE]);
    expect(x.dtype).toBe('float32');
    const values = await x.data();
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (const i of [0, 1, 255, 3071, 3072, 6143]) expect(values[i]).toBe(Math.fround(bytes[i]! / 255));
  });

  it('takes other shapes', () => {
    const x = imagesFromBytes(Uint8Array.from([0, 255, 51, 102]), 1, [2, 2, 1]);
    expect(x.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(x.dataSync())).toEqual([0, 1, 0.2, 0.4].map(Math.fround));
    x.dispose();
  });
});
