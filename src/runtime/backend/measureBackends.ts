// Times the candidate backends at startup so that a software-emulated WebGL does not win just by being first.
// The probe (probeWork.ts) is one image's convolution block and input gradient; it finishes well within the budget
// on either backend.
import type { BackendName } from '../../state/backendSlice.ts';
import { startTfBackend } from './backend.ts';
import { convProbe, medianMs } from './probeWork.ts';
import { decideFromTimings, isSoftwareRenderer, type BackendDecision } from './backendDecision.ts';

/** The longest a candidate may take for its warm-up and timed runs. */
const PROBE_BUDGET_MS = 400;
const TIMED_RUNS = 3;

/** The WebGL renderer's name (unmasked when the browser allows), or null without WebGL. */
export function webglRenderer(): string | null {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/** Median ms of the probe's timed runs on `name`; null when it fails or no timed run finished within the budget. */
async function timeProbe(name: BackendName, budgetMs: number): Promise<number | null> {
  try {
    // Starting a backend is a one-off cost the app pays whichever it picks: the budget is for the computing.
    if (!(await startTfBackend(name))) return null;
    const work = convProbe();
    try {
      return await medianMs(work, budgetMs, TIMED_RUNS);
    } finally {
      work.dispose();
    }
  } catch {
    return null;
  }
}

/**
 * Decides between WebGL and WASM by measurement when WebGL is emulated in software; a hardware GPU keeps WebGL.
 * Leaves tfjs on no particular backend: the caller sets the chosen one.
 */
export async function measureBackendChoice(renderer: string | null): Promise<BackendDecision | null> {
  if (renderer === null || !isSoftwareRenderer(renderer)) return null;
  const wasm = await timeProbe('wasm', PROBE_BUDGET_MS);
  const webgl = await timeProbe('webgl', PROBE_BUDGET_MS);
  return decideFromTimings(renderer, { wasm, webgl, budgetMs: PROBE_BUDGET_MS });
}

const STORAGE_KEY = 'epsilon-backend-choice';

interface Remembered {
  renderer: string;
  decision: BackendDecision;
}

/** The choice measured earlier in this browser for this renderer, if any. */
export function rememberedChoice(renderer: string | null): BackendDecision | null {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Remembered | null;
    const known = saved?.decision.name === 'wasm' || saved?.decision.name === 'webgl' || saved?.decision.name === 'cpu';
    return saved && known && saved.renderer === (renderer ?? '') ? saved.decision : null;
  } catch {
    return null;
  }
}

export function rememberChoice(renderer: string | null, decision: BackendDecision): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ renderer: renderer ?? '', decision } satisfies Remembered));
  } catch {
    // Storage can be refused (private mode): the next visit measures again.
  }
}
