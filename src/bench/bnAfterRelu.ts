// A model with BatchNormalization after each ReLU (as in many uploaded Keras CNNs, adversarial.js's public CIFAR-10
// CNN among them), with random weights and random BatchNorm statistics, so the folding has real work to do:
// conv-relu-BN-conv-relu-BN-flatten-dense. The attack benchmark compares its gradient on the folded path
// (src/model/foldedModel.ts) with the layers model itself.
import * as tf from '@tensorflow/tfjs';

export function buildBnAfterReluCnn(seed = 1): tf.LayersModel {
  const model = tf.sequential();
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  model.add(
    tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),
  );
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, kernelInitializer: init(2) }));
  // BatchNorm weights: gamma, beta, moving mean, moving variance; random but plausible, so folding is not trivial.
  for (const [i, layer] of model.layers.entries()) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const c = layer.getWeights()[0]!.shape[0]!;
    const u = (lo: number, hi: number, s: number) => tf.randomUniform([c], lo, hi, 'float32', seed * 100 + i * 10 + s);
    const weights = [u(0.5, 1.5, 0), u(-0.2, 0.2, 1), u(0, 0.5, 2), u(0.5, 2, 3)];
    layer.setWeights(weights);
    tf.dispose(weights);
  }
  return model;
}
