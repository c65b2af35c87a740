// tfjs-backend-webgpu 4.22's Transpose reads its input's storage as the output's element type: where that storage
// holds int32 (an int32 or bool tensor, or an int32 one that Cast relabelled float32 without converting, as an
// int-to-float cast does on WebGPU), its shader fails to compile ("type mismatch ... expected 'f32', got 'i32'")
// and the result is zeros. DeepFool's candidate differences (one-hot, cast to float32) met it: every step was 0.
// This Transpose converts such input to float32 storage first (exact for integers below 2^24) and back.
import * as tf from '@tensorflow/tfjs';

interface WebgpuLike {
  tensorMap: { get(dataId: object): { dtype: tf.DataType } | undefined };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.backend_util.BackendValues): tf.TensorInfo;
  disposeData(dataId: object): void;
}

const kernel = (name: string) => tf.getKernel(name, 'webgpu')!.kernelFunc as (args: Parameters<tf.KernelFunc>[0]) => tf.TensorInfo;

/** Marks our kernel function, so that installing twice keeps tfjs's original underneath (no flag kept here). */
const OURS = 'epsilonTransposeWithFloatStorage';

const transposeWithFloatStorage =
  (original: tf.KernelFunc): tf.KernelFunc =>
  (args) => {
    const { inputs, backend, attrs } = args;
    const b = backend as unknown as WebgpuLike;
    const x = inputs.x as tf.TensorInfo;
    const stored = b.tensorMap.get(x.dataId)?.dtype;
    if (stored === undefined || stored === 'float32') return original(args);
    // Multiply's shader converts what it reads; Cast from int32 to float32 would only relabel the storage.
    const one = b.makeTensorInfo([], 'float32', new Float32Array([1]));
    const asFloat = kernel('Multiply')({ inputs: { a: { ...x, dtype: stored }, b: one }, backend, attrs: {} });
    const turned = original({ inputs: { x: asFloat }, backend, attrs }) as tf.TensorInfo;
    [one, asFloat].forEach((t) => b.disposeData(t.dataId));
    if (x.dtype === 'float32') return turned;
    const back = kernel('Cast')({ inputs: { x: turned }, backend, attrs: { dtype: x.dtype } });
    b.disposeData(turned.dataId);
    return back;
  };

/** Puts ours over tfjs-webgpu's Transpose (once the WebGPU backend is loaded); idempotent. */
export function registerWebgpuKernels(): void {
  const current = tf.getKernel('Transpose', 'webgpu');
  if (!current || OURS in current.kernelFunc) return;
  tf.unregisterKernel('Transpose', 'webgpu');
  tf.registerKernel({ ...current, kernelFunc: Object.assign(transposeWithFloatStorage(current.kernelFunc), { [OURS]: true }) });
}
