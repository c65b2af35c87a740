// Convolution gradient kernels for tfjs-backend-wasm 4.22, for Node tests and benchmarks.
//
// 1. The wasm backend has no Conv2DBackpropFilter. Input gradients of a LayersModel still need it: in gradient
//    mode a conv layer with a linear activation (conv -> BatchNorm) runs tf.fused.conv2d, whose custom gradient
//    computes the filter gradient eagerly even when only dL/dx is asked for.
// 2. Its Conv2DBackpropInput is a plain loop, about 5x slower than its (XNNPACK) Conv2D.
// Both are rewritten here as one XNNPACK convolution between transposed tensors (stride 1, dilation 1, NHWC;
// other cases fall back to the shipped kernel or throw):
//   dW[kh,kw,ci,co] = sum_{n,h,w} xpad[n,h+kh,w+kw,ci] dy[n,h,w,co] = conv(x^T [Ci,H,W,N], dy^T [H',W',N,Co])
//   dx = conv(dy, W reversed in kh,kw and transposed to [kh,kw,Co,Ci]), padded by k-1-pad.
// This is test infrastructure; the app needs its own answer to (1) (see the attack engine's notes).
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
type Shape4 = [number, number, number, number];
interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function runner(backend: unknown) {
  const run = (name: string, inputs: Record<string, Info>, attrs: Record<string, unknown>): Info => {
    const k = tf.getKernel(name, 'wasm');
    if (!k) throw new Error(`wasm kernel ${name} missing`);
    return k.kernelFunc({ inputs, backend: backend as tf.KernelBackend, attrs: attrs as unknown as tf.NamedAttrMap }) as Info;
  };
  const free = (...t: Info[]) => t.forEach((i) => (backend as tf.KernelBackend).disposeData(i.dataId));
  return { run, free };
}

let done = false;

export function registerWasmConvKernels(): void {
  if (done) return;
  done = true;
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({
      kernelName: 'Conv2DBackpropFilter',
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { x, dy } = inputs as { x: Info; dy: Info };
        const a = attrs as unknown as ConvAttrs & { filterShape: Shape4 };
        if (a.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm test kernel): NHWC only');
        const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
        if (info.strideHeight !== 1 || info.strideWidth !== 1) throw new Error('Conv2DBackpropFilter (wasm test kernel): stride 1 only');
        const { run, free } = runner(backend);
        const p = info.padInfo;
        const xt = run('Transpose', { x }, { perm: [3, 1, 2, 0] });
        const dyt = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
        const conv = run('Conv2D', { x: xt, filter: dyt }, {
          strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC', pad: [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]],
        });
        free(xt, dyt);
        const out = run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
        free(conv);
        return out;
      },
    });
  }
  const shipped = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (!shipped) return;
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { dy, filter } = inputs as { dy: Info; filter: Info };
      const a = attrs as unknown as ConvAttrs & { inputShape: Shape4 };
      const info = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as Shape4, a.strides, 1, a.pad, a.dimRoundingMode);
      if (a.dataFormat === 'NCHW' || info.strideHeight !== 1 || info.strideWidth !== 1) return shipped.kernelFunc(args);
      const { run, free } = runner(backend);
      const p = info.padInfo;
      const kh = info.filterHeight;
      const kw = info.filterWidth;
      const rev = run('Reverse', { x: filter }, { dims: [0, 1] });
      const wt = run('Transpose', { x: rev }, { perm: [0, 1, 3, 2] });
      free(rev);
      const out = run('Conv2D', { x: dy, filter: wt }, {
        strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC',
        pad: [[0, 0], [kh - 1 - p.top, kh - 1 - p.bottom], [kw - 1 - p.left, kw - 1 - p.right], [0, 0]],
      });
      free(wt);
      return out;
    },
  });
}
