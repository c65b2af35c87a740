// An untrained, seeded conv classifier (conv-ReLU-maxpool-dense) for property tests.
import * as tf from '@tensorflow/tfjs';
import type { TestModel } from './models.ts';

export function randomConvModel(shape: [number, number, number], classes: number, seed: number): TestModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  const net = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: shape, filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: classes,
        kernelInitializer: init(1),
        biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 2 }),
      }),
    ],
  });
  return { model: (x) => net.apply(x, { training: false }) as tf.Tensor2D, dispose: () => net.dispose() };
}
