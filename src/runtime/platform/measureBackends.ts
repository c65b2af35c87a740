// Times the candidate backends at startup so that a software-emulated WebGL does not win just by being first.
// The probe is the model's dominant work, a 3x3 convolution block and its input gradient at the shape of the
// middle stage: the whole model's gradient would compile some thirty shaders, which takes seconds on a software
// GPU, while this probe compiles three and finishes well within the budget on either backend.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../state/backendSlice.ts';
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
    if (!(await tf.setBackend(name))) return null;
    await tf.ready();
    const started = performance.now();
    const late = () => performance.now() - started > budgetMs;
    const [x, filter] = [tf.randomUniform([1, 16, 16, 64]) as tf.Tensor4D, tf.randomNormal([3, 3, 64, 64], 0, 0.05) as tf.Tensor4D];
    try {
      const gradient = tf.grad((v: tf.Tensor) => tf.sum(tf.relu(tf.conv2d(v as tf.Tensor4D, filter, 1, 'same'))));
      const times: number[] = [];
      // One warm-up run (it compiles the shaders), then timed runs while the budget lasts.
      for (let run = 0; run <= TIMED_RUNS && !late(); run++) {
        const t0 = performance.now();
        const g = gradient(x);
        await g.data();
        g.dispose();
        if (run > 0) times.push(performance.now() - t0);
      }
      return times.length ? times.sort((a, b) => a - b)[times.length >> 1]! : null;
    } finally {
      tf.dispose([x, filter]);
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
