// The training worker: first its backend (backend/'s startWorkerBackend: WASM, WebGPU or WebGL through OffscreenCanvas,
// timed here or remembered by the page; the WASM file paths, the thread count from this worker's name and our kernels
// come with it), reported to the page; then trainingHost runs the job. Started by workerTrainer.ts.
import { errorMessage } from '../../lib/index.ts';
import { startWorkerBackend, type ForcedBackend, type RememberedChoice, type WorkerBackend } from '../backend/index.ts';
import { trainingHost, type FromTrainingHost, type ToTrainingHost } from './trainingHost.ts';

/** The page asks for the backend first (with what it remembers, or the one someone chose for it), then sends the job. */
export type ToTrainingWorker = { type: 'backend'; remembered: RememberedChoice | null; forced: ForcedBackend | null } | ToTrainingHost;
export type FromTrainingWorker = { type: 'backend'; backend: WorkerBackend } | FromTrainingHost;

const scope = self as unknown as {
  postMessage(m: FromTrainingWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToTrainingWorker>) => void): void;
};
const post = (m: FromTrainingWorker, transfer?: Transferable[]) => scope.postMessage(m, transfer ?? []);
// Module state: this worker's one training host (it holds the job the page started here), once its backend is up.
let host: Promise<ReturnType<typeof trainingHost>> | null = null;
scope.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type === 'backend') {
    host = startWorkerBackend(m.remembered, m.forced).then((backend) => {
      post({ type: 'backend', backend });
      return trainingHost(post);
    });
    host.catch((err: unknown) => post({ type: 'error', message: errorMessage(err) }));
    return;
  }
  if (!host) return post({ type: 'error', message: 'the training worker was sent a job before its backend' });
  void host.then(
    (handle) => handle(m),
    () => undefined,
  );
});
