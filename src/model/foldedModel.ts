// A cheaper inference-mode logits function for the attacks inside training and evaluation. tfjs-layers runs a
// conv through the fused op, whose gradient computes the filter gradient even when only the input gradient is
// wanted, and back-propagates through BatchNorm's statistics (Tile). In inference mode BatchNorm is an affine
// map, so it folds into the convolution before it: the same function, built from plain ops whose gradients are
// taken only towards the input. About a third less work per attack step on the project's CNN.
// Handles plain chains of Conv2D, BatchNormalization, ReLU, pooling, Flatten, Dropout and Dense layers;
// anything else gives null and the caller uses the model itself.
import * as tf from '@tensorflow/tfjs';
import type { LogitsFn as ModelFn } from './modelFn.ts';

export interface FoldedModel {
  logits: ModelFn;
  /** Frees the folded weights (a copy taken when folding: fold again after the weights change). */
  dispose(): void;
}

type Op = (x: tf.Tensor) => tf.Tensor;

interface LayerConfig {
  activation?: string;
  strides?: number | [number, number];
  padding?: 'same' | 'valid';
  poolSize?: number | [number, number];
  dilationRate?: number | [number, number];
  dataFormat?: string;
  useBias?: boolean;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  axis?: number;
  maxValue?: number | null;
  rate?: number;
}

class Unsupported extends Error {}

const pair = (v: number | [number, number] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v;

function activationOp(name: string | undefined): Op | null {
  if (!name || name === 'linear') return null;
  if (name === 'relu') return tf.relu;
  throw new Unsupported(name);
}

/** The model's layers when they form one chain from the input to the output; else null. */
function chain(model: tf.LayersModel): tf.layers.Layer[] | null {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return null;
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  for (let i = 0; i < layers.length; i++) {
    const inbound = layers[i]!.inboundNodes[0]?.inboundLayers ?? [];
    if (inbound.length !== 1) return null;
    if (i === 0 ? inbound[0]!.getClassName() !== 'InputLayer' : inbound[0] !== layers[i - 1]) return null;
  }
  return layers;
}

/** BatchNorm in inference mode as (scale, shift): y = x * scale + shift, per channel. */
function batchNormAffine(layer: tf.layers.Layer): { scale: tf.Tensor1D; shift: tf.Tensor1D } {
  const cfg = layer.getConfig() as LayerConfig;
  if (cfg.axis !== undefined && cfg.axis !== -1) throw new Unsupported('batch norm axis');
  const ws = layer.getWeights();
  let k = 0;
  const gamma = cfg.scale === false ? null : ws[k++]!;
  const beta = cfg.center === false ? null : ws[k++]!;
  const mean = ws[k++]!;
  const variance = ws[k++]!;
  const inv = tf.rsqrt(tf.add(variance, cfg.epsilon ?? 1e-3));
  const scale = (gamma ? tf.mul(gamma, inv) : inv) as tf.Tensor1D;
  const shift = tf.sub(beta ?? 0, tf.mul(mean, scale)) as tf.Tensor1D;
  return { scale, shift };
}

/** Builds the ops; `keep` copies each tensor an op closes over out of the enclosing tidy. */
function build(layers: tf.layers.Layer[], keep: <T extends tf.Tensor>(t: T) => T): Op[] {
  const ops: Op[] = [];
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const cls = layer.getClassName();
    const cfg = layer.getConfig() as LayerConfig;
    if (cls === 'Conv2D' || cls === 'Dense') {
      const [kernel, maybeBias] = layer.getWeights();
      let w = kernel!;
      let b: tf.Tensor = cfg.useBias === false || !maybeBias ? tf.zeros([w.shape[w.rank - 1]!]) : maybeBias;
      const next = layers[i + 1];
      if (next?.getClassName() === 'BatchNormalization' && activationOp(cfg.activation) === null) {
        const { scale, shift } = batchNormAffine(next);
        w = tf.mul(w, scale);
        b = tf.add(tf.mul(b, scale), shift);
        i++;
      }
      const act = activationOp(cfg.activation);
      if (cls === 'Conv2D') {
        if (cfg.dataFormat && cfg.dataFormat !== 'channelsLast') throw new Unsupported('channels first');
        if (pair(cfg.dilationRate, 1).some((d) => d !== 1)) throw new Unsupported('dilation');
        const strides = pair(cfg.strides, 1);
        const padding = cfg.padding ?? 'valid';
        const [wk, bk] = [keep(w as tf.Tensor4D), keep(b)];
        ops.push((x) => {
          const y = tf.add(tf.conv2d(x as tf.Tensor4D, wk, strides, padding), bk);
          return act ? act(y) : y;
        });
      } else {
        const [wk, bk] = [keep(w as tf.Tensor2D), keep(b)];
        ops.push((x) => {
          const y = tf.add(tf.matMul(x as tf.Tensor2D, wk), bk);
          return act ? act(y) : y;
        });
      }
    } else if (cls === 'BatchNormalization') {
      const affine = batchNormAffine(layer);
      const [scale, shift] = [keep(affine.scale), keep(affine.shift)];
      ops.push((x) => tf.add(tf.mul(x, scale), shift));
    } else if (cls === 'Activation') {
      const act = activationOp(cfg.activation);
      if (act) ops.push(act);
    } else if (cls === 'ReLU') {
      if (cfg.maxValue != null) throw new Unsupported('relu max value');
      ops.push(tf.relu);
    } else if (cls === 'MaxPooling2D' || cls === 'AveragePooling2D') {
      const size = pair(cfg.poolSize, 2);
      const strides = pair(cfg.strides ?? cfg.poolSize, 2);
      const padding = cfg.padding ?? 'valid';
      const pool = cls === 'MaxPooling2D' ? tf.maxPool : tf.avgPool;
      ops.push((x) => pool(x as tf.Tensor4D, size, strides, padding));
    } else if (cls === 'GlobalMaxPooling2D') {
      ops.push((x) => tf.max(x, [1, 2]));
    } else if (cls === 'GlobalAveragePooling2D') {
      ops.push((x) => tf.mean(x, [1, 2]));
    } else if (cls === 'Flatten') {
      ops.push((x) => tf.reshape(x, [x.shape[0]!, -1]));
    } else if (cls !== 'Dropout') {
      throw new Unsupported(cls);
    }
  }
  return ops;
}

/** The model's inference-mode function with BatchNorm folded in, or null when the model is not a plain chain of known layers. */
export function foldInference(model: tf.LayersModel): FoldedModel | null {
  const layers = chain(model);
  if (!layers) return null;
  const owned: tf.Tensor[] = [];
  // Kept copies (never the model's own variables, which getWeights() hands out): the ops outlive this tidy.
  const keep = <T extends tf.Tensor>(t: T): T => {
    const c = tf.keep(tf.clone(t));
    owned.push(c);
    return c;
  };
  let ops: Op[] = [];
  try {
    tf.tidy(() => {
      ops = build(layers, keep);
    });
  } catch (e) {
    tf.dispose(owned);
    if (e instanceof Unsupported) return null;
    throw e;
  }
  return {
    logits: (x) => tf.tidy(() => ops.reduce<tf.Tensor>((h, op) => op(h), x) as tf.Tensor2D),
    dispose: () => tf.dispose(owned),
  };
}
