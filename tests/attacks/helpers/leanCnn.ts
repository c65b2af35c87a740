// The shipped LayersModel as a lean logits function for the model tests: BatchNorm folded into the preceding
// convolution, plain (unfused) ops. Same function (checked in standardModel.test.ts), but its input gradient
// computes no filter gradients and tiles no BatchNorm statistics, so an attack step costs about a third.
// Supports the layer types of Epsilon's CNN; anything else throws.
import * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../../../src/attacks/index.ts';

type Op = (x: tf.Tensor) => tf.Tensor;

interface LayerConfig {
  activation?: string;
  strides?: [number, number];
  padding?: 'same' | 'valid';
  pool_size?: [number, number];
  poolSize?: [number, number];
  epsilon?: number;
  use_bias?: boolean;
  useBias?: boolean;
  center?: boolean;
  scale?: boolean;
}

function activation(name: string | undefined): Op | null {
  if (!name || name === 'linear') return null;
  if (name === 'relu') return tf.relu;
  throw new Error(`leanCnn: unsupported activation ${name}`);
}

export function leanLogits(model: tf.LayersModel): { logits: ModelFn; dispose(): void } {
  const ops: Op[] = [];
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  const layers = model.layers;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const cls = layer.getClassName();
    const cfg = layer.getConfig() as LayerConfig;
    if (cls === 'InputLayer') continue;
    if (cls === 'Conv2D') {
      const [kernel, maybeBias] = layer.getWeights();
      let w = kernel!;
      let b: tf.Tensor = maybeBias ?? tf.zeros([w.shape[3]!]);
      const next = layers[i + 1];
      if (next?.getClassName() === 'BatchNormalization' && activation(cfg.activation) === null) {
        const bn = next.getConfig() as LayerConfig;
        const ws = next.getWeights();
        let k = 0;
        const gamma = bn.scale === false ? tf.onesLike(b) : ws[k++]!;
        const beta = bn.center === false ? tf.zerosLike(b) : ws[k++]!;
        const mean = ws[k++]!;
        const variance = ws[k++]!;
        const s = tf.div(gamma, tf.sqrt(tf.add(variance, bn.epsilon ?? 1e-3)));
        w = tf.mul(w, s);
        b = tf.add(tf.mul(tf.sub(b, mean), s), beta);
        i++;
      }
      let act = cfg.activation ?? 'linear';
      const after = layers[i + 1];
      if (act === 'linear' && after?.getClassName() === 'Activation' && (after.getConfig() as LayerConfig).activation === 'relu') {
        act = 'relu';
        i++;
      }
      activation(act); // throws when unsupported
      const [wk, bk] = [keep(w.clone()), keep(b.clone())];
      const strides = cfg.strides ?? [1, 1];
      const pad = cfg.padding ?? 'valid';
      // Fused for inference; under a gradient tape tfjs runs it as conv2d + add + relu, whose input gradient
      // needs no filter gradient.
      ops.push((x) => tf.fused.conv2d({ x: x as tf.Tensor4D, filter: wk as tf.Tensor4D, strides, pad, bias: bk, activation: act as 'relu' | 'linear' }));
    } else if (cls === 'Activation' || cls === 'ReLU') {
      const act = activation(cls === 'ReLU' ? 'relu' : cfg.activation);
      if (act) ops.push(act);
    } else if (cls === 'MaxPooling2D') {
      const size = cfg.pool_size ?? cfg.poolSize ?? [2, 2];
      const strides = cfg.strides ?? size;
      ops.push((x) => tf.maxPool(x as tf.Tensor4D, size, strides, cfg.padding ?? 'valid'));
    } else if (cls === 'GlobalMaxPooling2D') {
      ops.push((x) => tf.max(x, [1, 2]));
    } else if (cls === 'Flatten') {
      ops.push((x) => tf.reshape(x, [x.shape[0]!, -1]));
    } else if (cls === 'Dense') {
      const [kernel, bias] = layer.getWeights();
      const wk = keep(kernel!.clone());
      const bk = bias ? keep(bias.clone()) : null;
      // A softmax on the last layer is dropped: the attack engine wants logits.
      const act = cfg.activation === 'softmax' ? null : activation(cfg.activation);
      ops.push((x) => {
        const y = tf.matMul(x as tf.Tensor2D, wk as tf.Tensor2D);
        const z = bk ? tf.add(y, bk) : y;
        return act ? act(z) : z;
      });
    } else {
      throw new Error(`leanCnn: unsupported layer ${cls}`);
    }
  }
  return {
    logits: (x) => tf.tidy(() => ops.reduce<tf.Tensor>((h, op) => op(h), x) as tf.Tensor2D),
    dispose: () => owned.forEach((t) => t.dispose()),
  };
}
