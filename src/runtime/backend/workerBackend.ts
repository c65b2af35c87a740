// The training worker's backend: WASM, WebGPU (native in workers) or WebGL where the worker can create it through
// OffscreenCanvas, timed at the start of a job on a batch (measureBackends.ts's TRAINING_PROBE) unless this browser
// timed them before for the same candidates (the page keeps the record: a worker has no storage). Runs in the worker.
import type { BackendInfo, BackendName } from '../../state/backendSlice.ts';
import { chooseBackend } from './backend.ts';
import { gpuCandidates } from './gpuCandidates.ts';
import { TRAINING_PROBE, choiceRecord, matchingChoice, measureBackendChoice, type RememberedChoice } from './measureBackends.ts';

export interface WorkerBackend {
  /** The backend started (with its fallbacks, and WASM's threads). */
  info: BackendInfo;
  /** Why, in the training panel's words. */
  reason: string;
  /** A fresh measurement, for the page to remember. */
  remember?: RememberedChoice;
}

/** A backend someone chose for the page (a link's backend=, the Run on menu): the worker runs it too, untimed. */
export interface ForcedBackend {
  name: BackendName;
  /** Why, as the page words it. */
  reason: string;
}

/**
 * Chooses and starts the worker's backend: the page's where someone chose it, else the remembered choice for these
 * candidates, else the fastest timed now.
 */
export async function startWorkerBackend(remembered: RememberedChoice | null, forced: ForcedBackend | null = null): Promise<WorkerBackend> {
  if (forced) return { info: await chooseBackend(forced.name), reason: `as on the page: ${forced.reason}` };
  const gpus = await gpuCandidates();
  const known = matchingChoice(remembered, gpus);
  const measured = known ? null : await measureBackendChoice(gpus, TRAINING_PROBE);
  const info = await chooseBackend((known ?? measured)?.name ?? 'wasm');
  if (known) return { info, reason: `${known.reason}; remembered from an earlier visit` };
  if (measured) return { info, reason: measured.reason, remember: choiceRecord(gpus, measured) };
  return { info, reason: 'neither WebGL (through OffscreenCanvas) nor WebGPU is available in a worker here' };
}
