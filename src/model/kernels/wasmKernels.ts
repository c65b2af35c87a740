// Gradient kernels that make the tfjs WASM backend (4.22) able to train convolutional models.
//
// The WASM backend ships no Conv2DBackpropFilter (so a conv layer's weights cannot be trained there), a
// Conv2DBackpropInput that is a plain loop ~9x slower than its XNNPACK Conv2D (3x3, 64 channels), and a
// MaxPoolGrad that sends the gradient to the window's first pixel whenever the window's maximum is <= 0
// (its running maximum starts at FLT_MIN, not -inf; MaxPoolWithArgmax has the same flaw).
// registerWasmTrainingKernels() replaces all three for backendName 'wasm'. The kernels are compositions
// of ops the WASM backend already does well: each convolution gradient is ONE XNNPACK Conv2D between
// re-arranged tensors, the pooling gradient is transposes, an ArgMax and element-wise ops. (Measured on
// tfjs-backend-wasm 4.22: its transposes of rank 5-6, DepthToSpace, Tile, Gather, StridedSlice, Concat
// along a small inner axis and broadcasting where() are 10-50x slower per element than rank <= 4
// transposes and same-shape element-wise ops, so none of them is used on large tensors here.)
//
// Conventions (NHWC only; dilations 1, which is all tfjs's conv gradients support):
//   x [N,H,W,Ci], filter w [fh,fw,Ci,Co], dy [N,OH,OW,Co], strides (sh,sw), padding top/left (pt,pl)
//   y[n,oh,ow,co] = sum_{kh,kw,ci} xpad[n, oh*sh+kh, ow*sw+kw, ci] * w[kh,kw,ci,co]
//
// Filter gradient: dw[kh,kw,ci,co] = sum_{n,oh,ow} xpad[n, oh*sh+kh, ow*sw+kw, ci] * dy[n,oh,ow,co].
//   With the batch as channels and the input channels as batch, that is one stride-1 convolution of
//   x^T [Ci,H,W,N] (padded by pt/pl, cropped or padded at the far end so exactly fh x fw outputs remain)
//   with dy^T [OH,OW,N,Co] as the filter, dilated by the stride; the [Ci,fh,fw,Co] result is transposed
//   to [fh,fw,Ci,Co]. It costs the same multiply-adds as the forward convolution.
// Input gradient (polyphase transposed convolution): split each input row t = h + pt as t = q*sh + r.
//   Row phase r only receives taps kh = r + m*sh, so dxpad[q*sh+r] = sum_m dy[q-m] * w[r+m*sh]: a
//   stride-1 convolution of dy with the sub-filter flipped. All sh*sw phases are computed by ONE
//   convolution whose output channels are (r_h, r_w, ci) (the filter zero-padded to a multiple of the
//   stride, flipped and transposed), then interleaved back by one rank-4 transpose and cropped. No
//   zeros are inserted into dy, so stride 2 costs ~(ceil(f/s)*s/f)^2 of the forward work, not 4x;
//   stride 1 is exactly a convolution with the flipped, transposed filter.
// tfjs 4.22 itself mis-sizes the output of a NUMERIC pad when the filter is not square or the strides
//   differ (conv_util.computeOutputShape2D uses the filter height and stride height for both axes; the
//   WASM forward conv then writes past its buffer). These kernels take the output size from dy and only
//   the padding from tfjs, so they are right whenever the forward op was.
// MaxPool gradient: the gradient of each window goes to the position of the window's maximum, whatever
//   its sign. Ties go to the FIRST maximum in row-major window order (lowest kh, then lowest kw), as in
//   the CPU backend and TensorFlow; padding (-inf) never wins. The maximum is recomputed from x (as the
//   CPU backend does; the forward output is not used). x, padded with -inf to whole stride blocks, is
//   transposed to [window offset, window*channel] rows (one transpose per stride block a window spans),
//   the WASM ArgMax (first maximum, correct for negatives) picks the offset, and dy is routed to it with
//   same-shape comparisons and transposed back. NaNs are not handled specially (the CPU backend never
//   picks a NaN; the WASM ArgMax may).
//
// Kernels run tf ops inside tf.tidy (during a kernel the tape is off and ops dispatch to the active
// backend, WASM), then hand their result to the engine as a TensorInfo with an extra reference so the
// engine's tensor count stays flat. Pure TypeScript over tfjs: runs unchanged in Node and in browsers.
import * as tf from '@tensorflow/tfjs';
// The WASM backend registers its own kernels when its module is evaluated; importing it first makes sure
// ours replace them rather than the other way round.
import '@tensorflow/tfjs-backend-wasm';
import { turnedFilter } from './turnedFilter.ts';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;
type Shape4 = [number, number, number, number];
type Tuple = number | [number, number];

interface ConvGradAttrs {
  strides: Tuple;
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: Rounding;
}
interface FilterGradAttrs extends ConvGradAttrs {
  filterShape: Shape4;
}
interface InputGradAttrs extends ConvGradAttrs {
  inputShape: Shape4;
}
interface PoolGradAttrs {
  filterSize: Tuple;
  strides: Tuple;
  pad: Pad;
  dimRoundingMode?: Rounding;
}

const BACKEND = 'wasm';
export const WASM_TRAINING_KERNEL_NAMES = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'] as const;
export type WasmTrainingKernelName = (typeof WASM_TRAINING_KERNEL_NAMES)[number];

// ---------------------------------------------------------------------------------------------------
// Plumbing between kernel-level TensorInfos and op-level Tensors.

/** A kernel input as a Tensor; plain TensorInfos get a temporary engine tensor (with its own reference). */
function asTensor<T extends tf.Tensor>(info: tf.TensorInfo | undefined, name: string, backend: tf.KernelBackend): T {
  if (info == null) throw new Error(`wasm training kernel: missing input '${name}'`);
  if (info instanceof tf.Tensor) return info as T;
  backend.incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info, backend) as T;
}

/**
 * Runs `body` in a tidy scope and returns its result as a bare TensorInfo that the engine will wrap in
 * the op's output tensor: the result's data gets one more backend reference, then the scope's tensor is
 * disposed, so no engine tensor is left behind.
 */
function runOps(backend: tf.KernelBackend, inputs: tf.NamedTensorInfoMap, body: () => tf.Tensor): tf.TensorInfo {
  const out = tf.tidy(() => {
    const r = body();
    // Never hand out (and then dispose) a caller's own tensor.
    return Object.values(inputs).includes(r) ? r.clone() : r;
  });
  backend.incRef(out.dataId);
  const info: tf.TensorInfo = { dataId: out.dataId, shape: out.shape.slice(), dtype: out.dtype };
  out.dispose();
  return info;
}

function requireNhwc(kernel: string, dataFormat: string | undefined): void {
  if (dataFormat != null && dataFormat !== 'NHWC') {
    throw new Error(`${kernel} (wasm training kernel): dataFormat ${dataFormat} is not supported, use NHWC`);
  }
}

/** Pads (positive amounts) and crops (negative amounts) the two spatial axes of an NHWC tensor. */
function padOrCrop(t: tf.Tensor4D, top: number, bottom: number, left: number, right: number, value = 0): tf.Tensor4D {
  const [n, h, w, c] = t.shape;
  const ct = Math.max(0, -top);
  const cb = Math.max(0, -bottom);
  const cl = Math.max(0, -left);
  const cr = Math.max(0, -right);
  let r = t;
  if (ct + cb + cl + cr > 0) r = tf.slice(r, [0, ct, cl, 0], [n, h - ct - cb, w - cl - cr, c]);
  const pt = Math.max(0, top);
  const pb = Math.max(0, bottom);
  const pl = Math.max(0, left);
  const pr = Math.max(0, right);
  if (pt + pb + pl + pr > 0)
    r = tf.pad(
      r,
      [
        [0, 0],
        [pt, pb],
        [pl, pr],
        [0, 0],
      ],
      value,
    );
  return r;
}

// ---------------------------------------------------------------------------------------------------
// Conv2DBackpropFilter (conv2dFilterGrad, conv2dInputGrad and maxPoolGrad are op-level: they run on
// whatever backend is active, which is how the kernels below use them on WASM)

function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: FilterGradAttrs): tf.Tensor4D {
  requireNhwc('Conv2DBackpropFilter', attrs.dataFormat);
  const { filterShape } = attrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [fh, fw] = filterShape;
  const [, h, w] = x.shape;
  const [, oh, ow] = dy.shape; // the real output size, whatever rounding produced it
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  // Rows of the padded input the kernel reads: top .. (oh-1)*sh + fh; crop or pad the far end to match.
  const bottom = fh + (oh - 1) * sh - h - top;
  const right = fw + (ow - 1) * sw - w - left;
  // Crops first (they shrink the transpose), positive pads go to the convolution itself.
  let xc: tf.Tensor4D = x;
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    xc = padOrCrop(x, Math.min(top, 0), Math.min(bottom, 0), Math.min(left, 0), Math.min(right, 0));
  }
  const xt = tf.transpose(xc, [3, 1, 2, 0]); // [Ci, H, W, N]
  const dyt = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, N, Co]
  const pads: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [Math.max(top, 0), Math.max(bottom, 0)],
    [Math.max(left, 0), Math.max(right, 0)],
    [0, 0],
  ];
  // Stride 1; the dilation is only meaningful when dy has more than one row/column.
  const dil: [number, number] = [oh > 1 ? sh : 1, ow > 1 ? sw : 1];
  const r = tf.conv2d(xt, dyt, 1, pads, 'NHWC', dil); // [Ci, fh, fw, Co]
  return tf.transpose(r, [1, 2, 0, 3]);
}

// ---------------------------------------------------------------------------------------------------
// Conv2DBackpropInput

function conv2dInputGrad(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: InputGradAttrs): tf.Tensor4D {
  requireNhwc('Conv2DBackpropInput', attrs.dataFormat);
  const { inputShape } = attrs;
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [n, h, w, ci] = inputShape;
  const [fh, fw, , co] = filter.shape;
  const [, oh, ow] = dy.shape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const mh = Math.ceil(fh / sh);
  const mw = Math.ceil(fw / sw);
  // Phase rows q (t = q*sh + r covers padded rows top .. top+h-1).
  const q0h = Math.floor(top / sh);
  const q1h = Math.ceil((top + h) / sh);
  const q0w = Math.floor(left / sw);
  const q1w = Math.ceil((left + w) / sw);

  // Filter bank [mh, mw, Co, sh*sw*Ci]: bank[mh-1-m, mw-1-m', co, (rh, rw, ci)] = w[rh+m*sh, rw+m'*sw, ci, co].
  let bank: tf.Tensor4D;
  if (sh === 1 && sw === 1) {
    bank = turnedFilter(filter);
  } else {
    // Indices (m, rh, m', rw, ci, co) -> (M-1-m, M'-1-m', co, rh, rw, ci), in rank <= 4 steps (the WASM
    // backend's rank-5/6 transposes are an order of magnitude slower).
    const wp = tf.pad(filter, [
      [0, mh * sh - fh],
      [0, mw * sw - fw],
      [0, 0],
      [0, 0],
    ]);
    const flipped = tf.reverse(tf.reshape(wp, [mh, sh, mw, sw * ci * co]), [0, 2]);
    const blocksFirst = tf.transpose(flipped, [0, 2, 1, 3]); // (m, m', rh, rw, ci, co)
    bank = tf.reshape(tf.transpose(tf.reshape(blocksFirst, [mh * mw, sh * sw * ci, co]), [0, 2, 1]), [mh, mw, co, sh * sw * ci]);
  }
  // dy rows q - m for q in [q0, q1), m in [0, M): pad (or crop) dy to q0-M+1 .. q1-1.
  const padTop = mh - 1 - q0h;
  const padBottom = q1h - oh;
  const padLeft = mw - 1 - q0w;
  const padRight = q1w - ow;
  let dyc: tf.Tensor4D = dy;
  if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
    dyc = padOrCrop(dy, Math.min(padTop, 0), Math.min(padBottom, 0), Math.min(padLeft, 0), Math.min(padRight, 0));
  }
  const pads: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [Math.max(padTop, 0), Math.max(padBottom, 0)],
    [Math.max(padLeft, 0), Math.max(padRight, 0)],
    [0, 0],
  ];
  const phases = tf.conv2d(dyc, bank, 1, pads, 'NHWC'); // [N, q1h-q0h, q1w-q0w, sh*sw*Ci]
  if (sh === 1 && sw === 1) return phases; // q0 = top, q1 = top + h: exactly [N, H, W, Ci]
  const qh = q1h - q0h;
  const qw = q1w - q0w;
  // (n, q, q', rh, rw, ci) -> (n, q, rh, q', rw, ci): one rank-4 transpose (faster than depthToSpace here).
  const inter: tf.Tensor4D = tf.reshape(tf.transpose(tf.reshape(phases, [n * qh, qw, sh, sw * ci]), [0, 2, 1, 3]), [n, qh * sh, qw * sw, ci]);
  const beginH = top - q0h * sh;
  const beginW = left - q0w * sw;
  if (beginH === 0 && beginW === 0 && qh * sh === h && qw * sw === w) return inter;
  return tf.slice(inter, [0, beginH, beginW, 0], [n, h, w, ci]);
}

// ---------------------------------------------------------------------------------------------------
// MaxPoolGrad

function maxPoolGrad(dy: tf.Tensor4D, x: tf.Tensor4D, attrs: PoolGradAttrs): tf.Tensor4D {
  const info = tf.backend_util.computePool2DInfo(x.shape, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [n, h, w, c] = x.shape;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const [, oh, ow] = dy.shape;
  const { top, left } = info.padInfo;
  const m = n * oh * ow * c; // one entry per (window, channel), in dy's order
  const cells = sh * sw; // positions in one stride block
  const gh = Math.ceil(fh / sh); // stride blocks a window spans
  const gw = Math.ceil(fw / sw);
  const bh = oh + gh - 1; // stride blocks read
  const bw = ow + gw - 1;
  // x padded with -inf (or cropped) to whole stride blocks: [N, bh*sh, bw*sw, C].
  const xf = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  const xe = padOrCrop(xf, top, bh * sh - h - top, left, bw * sw - w - left, -Infinity);
  const exact = gh === 1 && gw === 1 && fh === sh && fw === sw; // the usual 2x2/2: windows = blocks

  // Group (ah, aw): the block each window reaches ah blocks down and aw across, as [sh*sw, M] with row
  // b*sw + d holding window offset (ah*sh + b, aw*sw + d). Only contiguous slices and transposes.
  const groupRows = (ah: number, aw: number): tf.Tensor2D => {
    let g: tf.Tensor = xe;
    if (gh > 1) g = tf.slice(tf.reshape(g, [n, bh, sh * bw * sw * c]), [0, ah, 0], [n, oh, sh * bw * sw * c]);
    if (gw > 1) g = tf.slice(tf.reshape(g, [n * oh * sh, bw, sw * c]), [0, aw, 0], [n * oh * sh, ow, sw * c]);
    // (n, oh, b, ow, d, c) -> (d, n, oh, b, ow, c) -> (b, d, n, oh, ow, c): two rank-3 transposes.
    const dOut = tf.transpose(tf.reshape(g, [n * oh * sh * ow, sw, c]), [1, 0, 2]);
    return tf.reshape(tf.transpose(tf.reshape(dOut, [sw * n * oh, sh, ow * c]), [1, 0, 2]), [cells, m]);
  };
  const groups: tf.Tensor2D[] = [];
  for (let ah = 0; ah < gh; ah++) for (let aw = 0; aw < gw; aw++) groups.push(groupRows(ah, aw));
  // Window offsets in row-major order (the tie rule: argMax returns the first maximum).
  let patches: tf.Tensor2D;
  if (exact) {
    patches = groups[0]!;
  } else {
    const rows: tf.Tensor2D[] = [];
    for (let i = 0; i < fh; i++) {
      for (let j = 0; j < fw; j++) {
        const g = groups[Math.floor(i / sh) * gw + Math.floor(j / sw)]!;
        rows.push(tf.slice(g, [(i % sh) * sw + (j % sw), 0], [1, m]));
      }
    }
    patches = tf.concat(rows, 0);
  }
  const first = tf.argMax(patches, 0); // [M]: offset i*fw + j of each window's (first) maximum

  // dy routed to that offset: one [M] row per offset, put back into stride blocks and image layout.
  const dyFlat = tf.reshape(dy, [m]);
  const zeros = tf.zerosLike(dyFlat);
  const routed: tf.Tensor[] = [];
  for (let t = 0; t < fh * fw; t++) routed.push(tf.where(tf.equal(first, t), dyFlat, zeros));
  const parts: tf.Tensor4D[] = [];
  for (let ah = 0; ah < gh; ah++) {
    for (let aw = 0; aw < gw; aw++) {
      const rows: tf.Tensor[] = [];
      for (let b = 0; b < sh; b++) {
        for (let d = 0; d < sw; d++) {
          const i = ah * sh + b;
          const j = aw * sw + d;
          rows.push(i < fh && j < fw ? routed[i * fw + j]! : zeros);
        }
      }
      // (b, d, n, oh, ow, c) -> (d, n, oh, b, ow, c) -> (n, oh, b, ow, d, c): the inverse of groupRows.
      const stacked = tf.reshape(tf.stack(rows, 0), [sh, sw * n * oh, ow * c]);
      const dOut = tf.transpose(stacked, [1, 0, 2]);
      const img: tf.Tensor4D = tf.reshape(tf.transpose(tf.reshape(dOut, [sw, n * oh * sh * ow, c]), [1, 0, 2]), [n, oh * sh, ow * sw, c]);
      parts.push(padOrCrop(img, ah * sh, (gh - 1 - ah) * sh, aw * sw, (gw - 1 - aw) * sw));
    }
  }
  const acc = parts.length === 1 ? parts[0]! : tf.addN(parts);
  // Back from the block grid to x: rows top .. top+h-1 (zeros where no window reached).
  const dx = padOrCrop(acc, -top, h + top - bh * sh, -left, w + left - bw * sw);
  return dx.dtype === x.dtype ? dx : tf.cast(dx, x.dtype);
}

// ---------------------------------------------------------------------------------------------------
// Registration

/** A WASM kernel computed by an op-level function of two 4-D inputs (named as the kernel names them). */
function opKernel<A>(
  kernelName: WasmTrainingKernelName,
  [a, b]: [string, string],
  op: (a: tf.Tensor4D, b: tf.Tensor4D, attrs: A) => tf.Tensor4D,
): tf.KernelConfig {
  return {
    kernelName,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const k = backend as tf.KernelBackend;
      return runOps(k, inputs, () => op(asTensor(inputs[a], a, k), asTensor(inputs[b], b, k), attrs as unknown as A));
    },
  };
}

const configs: Readonly<Record<WasmTrainingKernelName, tf.KernelConfig>> = Object.freeze({
  Conv2DBackpropFilter: opKernel('Conv2DBackpropFilter', ['x', 'dy'], conv2dFilterGrad),
  Conv2DBackpropInput: opKernel('Conv2DBackpropInput', ['dy', 'filter'], conv2dInputGrad),
  MaxPoolGrad: opKernel('MaxPoolGrad', ['dy', 'input'], maxPoolGrad),
});

/** The kernels tfjs-backend-wasm ships under these names (undefined: none), read as its import above registered
 * them, so that unregistering ours puts them back (the kernel benchmark times both). */
const SHIPPED = Object.freeze(Object.fromEntries(WASM_TRAINING_KERNEL_NAMES.map((name) => [name, tf.getKernel(name, BACKEND)]))) as Readonly<
  Record<WasmTrainingKernelName, tf.KernelConfig | undefined>
>;

/**
 * Registers Conv2DBackpropFilter, a faster Conv2DBackpropInput and a correct MaxPoolGrad for the 'wasm'
 * backend. Idempotent, and safe before or after tf.setBackend('wasm'): kernels are looked up at every
 * op call, and ours need no setup. A kernel someone else registered in between is replaced again.
 */
export function registerWasmTrainingKernels(): void {
  for (const name of WASM_TRAINING_KERNEL_NAMES) {
    const ours = configs[name];
    const current = tf.getKernel(name, BACKEND) as tf.KernelConfig | undefined;
    if (current === ours) continue;
    if (current) tf.unregisterKernel(name, BACKEND);
    tf.registerKernel(ours);
  }
}

/** True when all three of our kernels are the ones the 'wasm' backend will run. */
export function wasmTrainingKernelsRegistered(): boolean {
  return WASM_TRAINING_KERNEL_NAMES.every((name) => tf.getKernel(name, BACKEND) === configs[name]);
}

/**
 * Puts back the kernels tfjs-backend-wasm ships, replaced by registerWasmTrainingKernels() (for comparisons and
 * benchmarks). A restored shipped kernel needs its setupFunc run on the live backend if the backend was
 * initialised while ours were registered; pass that backend (tf.backend() while 'wasm' is active).
 */
export function unregisterWasmTrainingKernels(backend?: tf.KernelBackend): void {
  for (const name of WASM_TRAINING_KERNEL_NAMES) {
    if (tf.getKernel(name, BACKEND) !== configs[name]) continue;
    tf.unregisterKernel(name, BACKEND);
    const original = SHIPPED[name];
    if (original) {
      tf.registerKernel(original);
      if (backend && original.setupFunc) original.setupFunc(backend);
    }
  }
}
