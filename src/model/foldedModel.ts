// A cheaper inference-mode logits function for the attacks inside training and evaluation. tfjs-layers runs a
// conv through the fused op, whose gradient computes the filter gradient even when only the input gradient is
// wanted, and back-propagates through BatchNorm's statistics (Tile). In inference mode BatchNorm is a per-channel
// affine map, so it folds into the linear layers around it: the same function, built from plain ops whose
// gradients are taken only towards the input. About a third less work per attack step on the project's CNN.
// Stride-1 convolutions also carry their input gradient's filter, prepared once (stride1Conv).
// A BatchNorm right after a linear conv or dense folds into its weights; one after a ReLU (common in uploaded
// Keras models) is carried forward through the layers it commutes with and folds into the next conv or dense
// when that is exact, else it runs as a multiply-add where it must.
// Handles plain chains of Conv2D, BatchNormalization, ReLU, pooling, Flatten, Dropout and Dense layers;
// anything else gives null and the caller uses the model itself.
import * as tf from '@tensorflow/tfjs';
import type { ModelFn } from './modelFn.ts';
import { turnedFilter } from './kernels/turnedFilter.ts';

export interface FoldedModel {
  modelFn: ModelFn;
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

/** A per-channel (or, after Flatten, per-feature) affine map y = x * scale + shift. */
interface Affine {
  scale: tf.Tensor1D;
  shift: tf.Tensor1D;
}

/** BatchNorm in inference mode as an affine map over the last axis. */
function batchNormAffine(layer: tf.layers.Layer): Affine {
  const cfg = layer.getConfig() as LayerConfig;
  // Keras writes the channel axis as a positive index (3 for NHWC); -1 is tfjs's default. Both are the last axis.
  const lastAxis = (layer.input as tf.SymbolicTensor).shape.length - 1;
  if (cfg.axis !== undefined && cfg.axis !== -1 && cfg.axis !== lastAxis) throw new Unsupported('batch norm axis');
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

/** `first`, then `then`, as one affine map. */
const compose = (first: Affine, then: Affine): Affine => ({
  scale: tf.mul(first.scale, then.scale),
  shift: tf.add(tf.mul(first.shift, then.scale), then.shift),
});

/**
 * Weights of a conv or dense layer that applies `a` to its input first: w' = w * scale over the input channels,
 * b' = b + (the layer applied to the constant shift). Exact for a dense layer and for a conv without padding;
 * a zero-padded conv would see shift, not 0, at its borders.
 */
function foldIntoInput(w: tf.Tensor, b: tf.Tensor, a: Affine): { w: tf.Tensor; b: tf.Tensor } {
  const inputAxis = w.rank - 2;
  const perInput = (t: tf.Tensor1D) => tf.reshape(t, [...w.shape.slice(0, inputAxis).map(() => 1), t.shape[0], 1]);
  const shiftThroughW = tf.sum(tf.mul(w, perInput(a.shift)), [...Array(inputAxis + 1).keys()]);
  return { w: tf.mul(w, perInput(a.scale)), b: tf.add(b, shiftThroughW) };
}

/** Whether every entry is >= 0 (read once, when folding). */
const nonNegative = (t: tf.Tensor): boolean => (tf.min(t).arraySync() as number) >= 0;

/**
 * A stride-1 convolution whose input gradient (what every gradient attack asks for) is one convolution of dy with
 * the filter turned by 180 degrees and its channels swapped, padded by what the forward pass left out. The turned
 * filter is made once here rather than by the backend's Conv2DBackpropInput at every step: on WASM that
 * preparation, and XNNPACK packing a new filter each time, were a third of a gradient at batch 1. The same
 * arithmetic as kernels/wasmKernels.ts's stride-1 input gradient, so the same bits there.
 */
function stride1Conv(w: tf.Tensor4D, padding: 'same' | 'valid', keep: <T extends tf.Tensor>(t: T) => T): (x: tf.Tensor4D) => tf.Tensor4D {
  const [fh, fw] = w.shape;
  const turned = keep(turnedFilter(w));
  // 'same' pads fh - 1 rows, the smaller half on top (tfjs and TensorFlow); the gradient pads the rest.
  const top = padding === 'same' ? Math.floor((fh - 1) / 2) : 0;
  const left = padding === 'same' ? Math.floor((fw - 1) / 2) : 0;
  const bottom = padding === 'same' ? fh - 1 - top : 0;
  const right = padding === 'same' ? fw - 1 - left : 0;
  const back: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [fh - 1 - top, fh - 1 - bottom],
    [fw - 1 - left, fw - 1 - right],
    [0, 0],
  ];
  return tf.customGrad((x) => ({
    value: tf.conv2d(x as tf.Tensor4D, w, 1, padding),
    gradFunc: (dy: tf.Tensor) => tf.conv2d(dy as tf.Tensor4D, turned, 1, back),
  })) as (x: tf.Tensor4D) => tf.Tensor4D;
}

/** Builds the ops; `keep` copies each tensor an op closes over out of the enclosing tidy. */
function build(layers: tf.layers.Layer[], keep: <T extends tf.Tensor>(t: T) => T, prepared: boolean): Op[] {
  const ops: Op[] = [];
  // A BatchNorm after a nonlinearity, not applied yet: it travels forward while the layers it meets commute with it.
  let pending: Affine | null = null;
  const flush = () => {
    if (!pending) return;
    const [scale, shift] = [keep(pending.scale), keep(pending.shift)];
    ops.push((x) => tf.add(tf.mul(x, scale), shift));
    pending = null;
  };
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const cls = layer.getClassName();
    const cfg = layer.getConfig() as LayerConfig;
    if (cls === 'Conv2D' || cls === 'Dense') {
      const [kernel, maybeBias] = layer.getWeights();
      let w = kernel!;
      let b: tf.Tensor = cfg.useBias === false || !maybeBias ? tf.zeros([w.shape[w.rank - 1]!]) : maybeBias;
      const padding = cfg.padding ?? 'valid';
      if (pending && (cls === 'Dense' || padding === 'valid')) {
        ({ w, b } = foldIntoInput(w, b, pending));
        pending = null;
      }
      flush();
      const act = activationOp(cfg.activation);
      const next = layers[i + 1];
      if (next?.getClassName() === 'BatchNormalization' && act === null) {
        const { scale, shift } = batchNormAffine(next);
        w = tf.mul(w, scale);
        b = tf.add(tf.mul(b, scale), shift);
        i++;
      }
      if (cls === 'Conv2D') {
        if (cfg.dataFormat && cfg.dataFormat !== 'channelsLast') throw new Unsupported('channels first');
        if (pair(cfg.dilationRate, 1).some((d) => d !== 1)) throw new Unsupported('dilation');
        const strides = pair(cfg.strides, 1);
        const wk = keep(w as tf.Tensor4D);
        const bk = keep(b);
        const conv =
          prepared && strides[0] === 1 && strides[1] === 1 ? stride1Conv(wk, padding, keep) : (x: tf.Tensor4D) => tf.conv2d(x, wk, strides, padding);
        ops.push((x) => {
          const y = tf.add(conv(x as tf.Tensor4D), bk);
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
      pending = pending ? compose(pending, affine) : affine;
    } else if (cls === 'Activation' || cls === 'ReLU') {
      if (cls === 'ReLU' && cfg.maxValue != null) throw new Unsupported('relu max value');
      const act = cls === 'ReLU' ? tf.relu : activationOp(cfg.activation);
      if (act) {
        flush();
        ops.push(act);
      }
    } else if (cls === 'MaxPooling2D' || cls === 'AveragePooling2D') {
      const size = pair(cfg.poolSize, 2);
      const strides = pair(cfg.strides ?? cfg.poolSize, 2);
      const padding = cfg.padding ?? 'valid';
      const max = cls === 'MaxPooling2D';
      // The max of x * s + t is (max x) * s + t when s >= 0; an average of it is always the affine map of the
      // average, but with padding the window's divisor depends on the border, so keep that case apart.
      if (pending && (max ? !nonNegative(pending.scale) : padding !== 'valid')) flush();
      const pool = max ? tf.maxPool : tf.avgPool;
      ops.push((x) => pool(x as tf.Tensor4D, size, strides, padding));
    } else if (cls === 'GlobalMaxPooling2D') {
      if (pending && !nonNegative(pending.scale)) flush();
      ops.push((x) => tf.max(x, [1, 2]));
    } else if (cls === 'GlobalAveragePooling2D') {
      ops.push((x) => tf.mean(x, [1, 2]));
    } else if (cls === 'Flatten') {
      // NHWC flattens with the channel fastest, so per-channel becomes per-feature by repeating over positions.
      const positions = (layer.input as tf.SymbolicTensor).shape.slice(1, -1).reduce<number>((n, d) => n * (d ?? NaN), 1);
      if (pending && Number.isFinite(positions)) {
        const p: Affine = pending;
        pending = { scale: tf.tile(p.scale, [positions]), shift: tf.tile(p.shift, [positions]) };
      } else flush();
      ops.push((x) => tf.reshape(x, [x.shape[0]!, -1]));
    } else if (cls !== 'Dropout') {
      throw new Unsupported(cls);
    }
  }
  flush();
  return ops;
}

export interface FoldOptions {
  /** Stride-1 convolutions take their input gradient with a filter prepared here (default); false: the backend's. */
  preparedInputGradient?: boolean;
}

/** The model's inference-mode function with BatchNorm folded in, or null when the model is not a plain chain of known layers. */
export function foldInference(model: tf.LayersModel, options: FoldOptions = {}): FoldedModel | null {
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
      ops = build(layers, keep, options.preparedInputGradient ?? true);
    });
  } catch (e) {
    tf.dispose(owned);
    if (e instanceof Unsupported) return null;
    throw e;
  }
  return {
    modelFn: (x) => tf.tidy(() => ops.reduce<tf.Tensor>((h, op) => op(h), x) as tf.Tensor2D),
    dispose: () => tf.dispose(owned),
  };
}
