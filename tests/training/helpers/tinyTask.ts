// A tiny synthetic task on which adversarial training visibly matters, and a tiny conv model with BatchNorm.
// Two classes of 4x4 grey images: pixel (0,0) is 0.5 -/+ 0.25 (a robust feature: an eps = 0.1 attack cannot
// flip it), the other 15 pixels are 0.5 -/+ 0.06 plus noise (non-robust: predictive on their own, but an
// eps = 0.1 attack flips every one). Clean training leans on all 16 pixels and is fooled; adversarial training
// learns to trust pixel (0,0).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import { useBackend } from '../../../node/tfBackend.ts';
import { seededRandom } from '../../../src/lib/index.ts';

export const SHAPE: [number, number, number] = [4, 4, 1];
export const TINY_EPS = 0.1;

export interface TinySet {
  x: tf.Tensor4D;
  labels: number[];
}

export function tinySet(n: number, seed: number): TinySet {
  const r = seededRandom(seed);
  const labels: number[] = [];
  const values = new Float32Array(n * 16);
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    const s = 2 * y - 1;
    labels.push(y);
    values[i * 16] = 0.5 + 0.25 * s + 0.05 * (2 * r.next() - 1);
    for (let j = 1; j < 16; j++) values[i * 16 + j] = 0.5 + 0.06 * s + 0.12 * (2 * r.next() - 1);
  }
  return { x: tf.tensor4d(values, [n, ...SHAPE]), labels };
}

/** conv3x3(4)-BN-ReLU-flatten-dense(2), seeded; BatchNorm momentum 0.8 so its moving statistics follow quickly. */
export function tinyModel(seed: number): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: SHAPE, filters: 4, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(0) }),
      tf.layers.batchNormalization({ momentum: 0.8 }),
      tf.layers.activation({ activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, kernelInitializer: init(1) }),
    ],
  });
}

export function disposeSet(s: TinySet): void {
  s.x.dispose();
}

/** A train and a held-out tiny set for a suite on the CPU backend: made before its tests, disposed after. */
export function useTinySets(train: [n: number, seed: number], held: [n: number, seed: number]): { train: TinySet; held: TinySet } {
  const sets = {} as { train: TinySet; held: TinySet };
  beforeAll(async () => {
    await useBackend('cpu');
    sets.train = tinySet(...train);
    sets.held = tinySet(...held);
  });
  afterAll(() => {
    disposeSet(sets.train);
    disposeSet(sets.held);
  });
  return sets;
}
