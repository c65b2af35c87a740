// Backend for the attack tests: tfjs-wasm with the convolution gradient kernels it lacks, or CPU.
import { useBackend } from '../../helpers/tfNode.ts';
import { registerWasmConvKernels } from './wasmConvKernels.ts';

export async function attackBackend(name: 'wasm' | 'cpu'): Promise<void> {
  registerWasmConvKernels();
  await useBackend(name);
}
