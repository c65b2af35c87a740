// Epsilon's CIFAR-10 CNN, mirrored by scripts/train/train.py (EpsilonCNN): same layers, same weight order.
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../data/cifar10.ts';

const STAGE_WIDTHS = [32, 64, 128] as const;
/** PyTorch's BatchNorm epsilon; tfjs defaults to 1e-3, which would change the function. */
const BN_EPSILON = 1e-5;

/**
 * Three stages of two conv3x3-BN-ReLU, each ending in a 2x2 max-pool, a global max-pool and a linear
 * layer to 10 logits. Input: [n,32,32,3] pixels in [0,1]. Pools only see ReLU outputs (>= 0), so even
 * tfjs-wasm's own MaxPoolGrad (wrong for windows whose maximum is negative; src/model/kernels/wasmKernels.ts
 * replaces it) gives this model correct input gradients.
 */
export function buildEpsilonCnn(name = 'epsilon_cnn'): tf.LayersModel {
  const input = tf.input({ shape: [IMAGE_SIZE, IMAGE_SIZE, 3], name: 'pixels' });
  let x: tf.SymbolicTensor = input;
  let i = 0;
  for (const width of STAGE_WIDTHS) {
    for (let r = 0; r < 2; r++) {
      i++;
      x = tf.layers.conv2d({ name: `conv${i}`, filters: width, kernelSize: 3, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
      x = tf.layers.batchNormalization({ name: `bn${i}`, epsilon: BN_EPSILON, momentum: 0.9 }).apply(x) as tf.SymbolicTensor;
      x = tf.layers.activation({ name: `relu${i}`, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    }
    x = tf.layers.maxPooling2d({ name: `pool${i / 2}`, poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.globalMaxPooling2d({ name: 'global_pool' }).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ name: 'logits', units: 10 }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name });
}
