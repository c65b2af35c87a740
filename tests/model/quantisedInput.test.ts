// The defended model's defence on a toy: on 8-bit images it computes exactly what the model behind it computes;
// its input gradient is zero; the straight-through twin gives the same logits and the gradient of the model behind
// it at the rounded image.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { quantisedInput } from '../../src/model/quantisedInput.ts';
import { defendedFns } from '../../src/model/defences.ts';
import { DEFENDED_MODEL_ID, STANDARD_MODEL_ID } from '../../src/model/shipped.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { linearModel } from '../attacks/helpers/models.ts';

beforeAll(async () => {
  await useBackend('cpu');
});

const gradOf = (f: (x: tf.Tensor4D) => tf.Tensor2D, x: tf.Tensor4D) =>
  tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(f(v as tf.Tensor4D), tf.tensor1d([1, -2]))))(x));

describe('input quantisation', () => {
  let base: ReturnType<typeof linearModel>;
  beforeAll(() => {
    base = linearModel(
      [
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ],
      [0, 0.5],
    );
  });

  it('on an 8-bit image gives the logits of the model behind it; between levels, those of the rounded image', async () => {
    const x8 = tf.tensor4d(
      [0, 17, 128, 255].map((v) => v / 255),
      [1, 1, 1, 4],
    );
    const same = tf.tidy(() => tf.max(tf.abs(tf.sub(quantisedInput(base.model)(x8), base.model(x8)))));
    expect((await same.data())[0]).toBeLessThan(1e-6);
    const off = tf.tensor4d([0.3 / 255, 17.4 / 255, 127.6 / 255, 1], [1, 1, 1, 4]);
    const rounded = tf.tensor4d([0, 17 / 255, 128 / 255, 1], [1, 1, 1, 4]);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(quantisedInput(base.model)(off), base.model(rounded)))));
    expect((await diff.data())[0]).toBeLessThan(1e-5);
    tf.dispose([x8, same, off, rounded, diff]);
  });

  it('has a zero input gradient, where the straight-through twin has the gradient of the model behind it', async () => {
    const x = tf.tensor4d([0.2, 0.4, 0.6, 0.8], [1, 1, 1, 4]);
    const before = tf.memory().numTensors;
    const masked = gradOf(quantisedInput(base.model), x);
    const through = gradOf(quantisedInput(base.model, { straightThrough: true }), x);
    const plain = gradOf(base.model, x);
    expect(Array.from(await masked.data())).toEqual([0, 0, 0, 0]);
    expect(Array.from(await through.data())).toEqual(Array.from(await plain.data()));
    // [1,-2] . (W x) per pixel: 1 * W0 - 2 * W1.
    expect(Array.from(await plain.data())).toEqual([1 - 8, 2 - 6, 3 - 4, 4 - 2]);
    tf.dispose([masked, through, plain]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('is the shipped defended model: the standard weights behind the rounding, and no other model has a defence', () => {
    expect(defendedFns(DEFENDED_MODEL_ID, base.model)).not.toBeNull();
    expect(defendedFns(STANDARD_MODEL_ID, base.model)).toBeNull();
    expect(defendedFns('robust', base.model)).toBeNull();
  });
});
