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

const ATTACK_PROBE: Probe = { work: convProbe, budgetMs: PROBE_BUDGET_MS, timedRuns: TIMED_RUNS };

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

const STORAGE_KEY = 'epsilon-backend-choice';
const KNOWN: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

interface Remembered {
  /** The candidates' names when it was decided: another GPU (or a browser update that adds WebGPU) measures again. */
  gpus: string;
  decision: BackendDecision;
}

const gpusKey = (gpus: GpuCandidates) => JSON.stringify([gpus.webgl, gpus.webgpu]);

/** The choice measured (or made) earlier in this browser for these candidates, if any. */
export function rememberedChoice(gpus: GpuCandidates): BackendDecision | null {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Remembered | null;
    return saved && KNOWN.includes(saved.decision?.name) && saved.gpus === gpusKey(gpus) ? saved.decision : null;
  } catch {
    return null;
  }
}

export function rememberChoice(gpus: GpuCandidates, decision: BackendDecision): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ gpus: gpusKey(gpus), decision } satisfies Remembered));
  } catch {
    // Storage can be refused (private mode): the next visit measures again.
  }
}
