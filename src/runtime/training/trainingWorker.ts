// The training worker: WASM in its own thread (platform/backend.ts sets the WASM file paths and our training kernels),
// running trainingHost. Started by workerTrainer.ts.
import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../../lib/index.ts';
import { trainingHost, type FromTrainingHost, type ToTrainingHost } from './trainingHost.ts';

const scope = self as unknown as {
  postMessage(m: FromTrainingHost, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToTrainingHost>) => void): void;
};
// Module state: this worker's one training host (it holds the job the page started here), ready once WASM is.
const host = tf.setBackend('wasm').then(async (ok) => {
  if (!ok) throw new Error('WASM is not available in this worker');
  await tf.ready();
  return trainingHost((m, transfer) => scope.postMessage(m, transfer ?? []));
});
scope.addEventListener('message', (e) => {
  host.then((handle) => handle(e.data), (err: unknown) => scope.postMessage({ type: 'error', message: errorMessage(err) }));
});
