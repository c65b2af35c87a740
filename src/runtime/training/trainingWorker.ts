// The training worker: WASM in its own thread (backend/ sets the WASM file paths, the thread count from this worker's
// name and our kernels), running trainingHost. Started by workerTrainer.ts.
import { errorMessage } from '../../lib/index.ts';
import { startWorkerWasm } from '../backend/index.ts';
import { trainingHost, type FromTrainingHost, type ToTrainingHost } from './trainingHost.ts';

const scope = self as unknown as {
  postMessage(m: FromTrainingHost, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToTrainingHost>) => void): void;
};
// Module state: this worker's one training host (it holds the job the page started here), ready once WASM is.
const host = startWorkerWasm().then(() => trainingHost((m, transfer) => scope.postMessage(m, transfer ?? [])));
scope.addEventListener('message', (e) => {
  host.then(
    (handle) => handle(e.data),
    (err: unknown) => scope.postMessage({ type: 'error', message: errorMessage(err) }),
  );
});
