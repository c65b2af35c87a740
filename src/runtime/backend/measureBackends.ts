// Times the candidate backends so that no GPU wins by its name: a software-emulated WebGL or WebGPU (SwiftShader), or
// one whose name is masked (WebKit's "Apple GPU"), is timed like any other against WASM. The probe (probeWork.ts) is
// one image's convolution block and input gradient; it finishes well within the budget on a real GPU and on WASM.
// Used by the page at start-up and by the training worker at the start of a job (with its own probe and budget).
import type { BackendName } from '../../state/backendSlice.ts';
import { startTfBackend } from './backend.ts';
import { convProbe, medianMs, type ProbeWork } from './probeWork.ts';
import { decideFromTimings, type BackendDecision, type TimedBackend } from './backendDecision.ts';
import type { GpuCandidates } from './gpuCandidates.ts';

/** The longest a candidate may take for its warm-up and timed runs. */
const PROBE_BUDGET_MS = 400;
const TIMED_RUNS = 3;

export interface Probe {
  /** The work, built on the backend just started. */
  work: () => ProbeWork;
  budgetMs: number;
  timedRuns: number;
}

const ATTACK_PROBE: Probe = { work: () => convProbe(1), budgetMs: PROBE_BUDGET_MS, timedRuns: TIMED_RUNS };
/** Training's: a batch of 8 through the block (a GPU gains more on a batch), given more time for it. */
export const TRAINING_PROBE: Probe = { work: () => convProbe(8), budgetMs: 2.5 * PROBE_BUDGET_MS, timedRuns: TIMED_RUNS };

/** Median ms of the probe's timed runs on `name`; null when it fails or no timed run finished within the budget. */
async function timeProbe(name: BackendName, probe: Probe): Promise<number | null> {
  try {
    // Starting a backend is a one-off cost the app pays whichever it picks: the budget is for the computing.
    if (!(await startTfBackend(name))) return null;
    const work = probe.work();
    try {
      return await medianMs(work, probe.budgetMs, probe.timedRuns);
    } finally {
      work.dispose();
    }
  } catch {
    return null;
  }
}

/** The GPU candidates present, in the order they are timed after WASM. */
const presentGpus = (gpus: GpuCandidates): TimedBackend[] => (['webgl', 'webgpu'] as const).filter((b) => gpus[b] !== null);

/**
 * Times WASM against every GPU candidate present and keeps the fastest; null where there is no GPU candidate (WASM,
 * or the fallbacks from WebGL, is all there is). Leaves tfjs on no particular backend: the caller sets the chosen one.
 */
export async function measureBackendChoice(gpus: GpuCandidates, probe: Probe = ATTACK_PROBE): Promise<BackendDecision | null> {
  const candidates = presentGpus(gpus);
  if (candidates.length === 0) return null;
  const ms: Partial<Record<TimedBackend, number | null>> = { wasm: await timeProbe('wasm', probe) };
  for (const b of candidates) ms[b] = await timeProbe(b, probe);
  return decideFromTimings(gpus, { ms, budgetMs: probe.budgetMs });
}

/** Where a choice is remembered: the page's, and the training worker's (a worker has no storage: the page keeps it). */
const STORAGE_KEYS = { page: 'epsilon-backend-choice', training: 'epsilon-training-backend-choice' } as const;
export type ChoiceSlot = keyof typeof STORAGE_KEYS;
const KNOWN: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** A choice as stored: with the candidates' names when it was decided (another GPU, or WebGPU added, measures again). */
export interface RememberedChoice {
  gpus: string;
  decision: BackendDecision;
}

const gpusKey = (gpus: GpuCandidates) => JSON.stringify([gpus.webgl, gpus.webgpu]);

/** What is stored for `slot`, unchecked against any candidates (the training worker checks it against its own). */
export function rememberedRecord(slot: ChoiceSlot): RememberedChoice | null {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEYS[slot]) ?? 'null') as RememberedChoice | null;
    return saved && typeof saved.gpus === 'string' && KNOWN.includes(saved.decision?.name) && typeof saved.decision.reason === 'string'
      ? saved
      : null;
  } catch {
    return null;
  }
}

/** The record's choice where it was made for these very candidates. */
export const matchingChoice = (record: RememberedChoice | null, gpus: GpuCandidates): BackendDecision | null =>
  record?.gpus === gpusKey(gpus) ? record.decision : null;

/** The choice measured (or made) earlier in this browser for these candidates, if any. */
export const rememberedChoice = (gpus: GpuCandidates, slot: ChoiceSlot = 'page'): BackendDecision | null =>
  matchingChoice(rememberedRecord(slot), gpus);

export const choiceRecord = (gpus: GpuCandidates, decision: BackendDecision): RememberedChoice => ({ gpus: gpusKey(gpus), decision });

export function rememberChoice(record: RememberedChoice, slot: ChoiceSlot = 'page'): void {
  try {
    localStorage.setItem(STORAGE_KEYS[slot], JSON.stringify(record));
  } catch {
    // Storage can be refused (private mode): the next visit measures again.
  }
}
