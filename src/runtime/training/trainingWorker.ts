// The training worker: WASM in its own thread (platform/backend.ts sets the WASM file paths and our training kernels),
// running trainingHost. Started by workerTrainer.ts.
import * as tf from '@tensorflow/tfjs';
import '../platform/backend.ts';
import { errorMessage } from '../platform/errors.ts';
import { trainingHost, type FromTrainingHost, type ToTrainingHost } from './trainingHost.ts';

const scope = self as unknown as { postMessage(m: FromTrainingHost, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToTrainingHost>) => void) | null };
const ready = tf.setBackend('wasm').then(async (ok) => {
  if (!ok) throw new Error('WASM is not available in this worker');
  await tf.ready();
});
const handle = trainingHost((m, transfer) => scope.postMessage(m, transfer ?? []));
scope.onmessage = (e) => {
  ready.then(() => handle(e.data), (err: unknown) => scope.postMessage({ type: 'error', message: errorMessage(err) }));
};
