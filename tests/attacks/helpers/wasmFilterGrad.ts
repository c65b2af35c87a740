// tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel. Input gradients of a LayersModel still need
// it: in gradient mode a conv layer with a linear activation (conv -> BatchNorm) runs tf.fused.conv2d, whose
// custom gradient computes the filter gradient eagerly even when only dL/dx is asked for. This registers a
// correct kernel (stride 1, dilation 1, NHWC) for the wasm backend, built from the backend's own kernels:
//   dW[kh,kw,ci,co] = sum_{n,h,w} xpad[n,h+kh,w+kw,ci] * dy[n,h,w,co]
// which is a convolution of x^T ([Ci,H,W,N]) with dy^T ([H',W',N,Co]) as the filter.
// Test and benchmark infrastructure only: the app's model loader should avoid the fused path instead.
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
interface WasmLike { disposeData(dataId: object): void }

let registered = false;

export function registerWasmConv2DBackpropFilter(): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  registered = true;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: Info; dy: Info };
      const a = attrs as unknown as {
        strides: number | [number, number]; pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
        dataFormat?: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
      };
      if (a.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm test kernel): NHWC only');
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
      if (info.strideHeight !== 1 || info.strideWidth !== 1) throw new Error('Conv2DBackpropFilter (wasm test kernel): stride 1 only');
      const run = (name: string, ins: Record<string, Info>, at: Record<string, unknown>): Info => {
        const k = tf.getKernel(name, 'wasm');
        if (!k) throw new Error(`wasm kernel ${name} missing`);
        return k.kernelFunc({ inputs: ins, backend, attrs: at as unknown as tf.NamedAttrMap }) as Info;
      };
      const b = backend as unknown as WasmLike;
      const xt = run('Transpose', { x }, { perm: [3, 1, 2, 0] });
      const dyt = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
      const p = info.padInfo;
      const conv = run('Conv2D', { x: xt, filter: dyt }, {
        strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC',
        pad: [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]],
      });
      b.disposeData(xt.dataId);
      b.disposeData(dyt.dataId);
      const out = run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
      b.disposeData(conv.dataId);
      return out;
    },
  });
}
