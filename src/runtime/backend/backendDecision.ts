// Which tfjs backend to start on, decided from what was measured. Plain data in, plain data out: no tfjs, no DOM,
// so the rules are unit-tested in Node and the words the status line shows are decided here.
import type { BackendName } from '../../state/backendSlice.ts';

/** Renderer strings of WebGL implementations that run on the CPU (no usable GPU). */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render|software rasterizer|mesa offscreen|gdi generic/i;

export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERERS.test(renderer);
}

/** A short name for the renderer, as a student would recognise it ("SwiftShader"). */
export function rendererName(renderer: string): string {
  return SOFTWARE_RENDERERS.exec(renderer)?.[0] ?? renderer;
}

/** One warm forward+input-gradient of the model, in ms; null when it did not finish within the budget. */
export interface Timings {
  wasm: number | null;
  webgl: number | null;
  /** How long WebGL was given. */
  budgetMs: number;
}

export interface BackendDecision {
  name: BackendName;
  /** Why, in words a student understands. */
  reason: string;
  timings?: Timings;
}

const ms = (v: number) => `${Math.round(v)} ms`;

/** Why a backend the user picked runs, with a word where it is WebGL emulated in software (slow, and no GPU behind it). */
export function userChoiceReason(name: BackendName, renderer: string | null, choice: string): string {
  return name === 'webgl' && isSoftwareRenderer(renderer)
    ? `${choice}, but WebGL is emulated in software here (${rendererName(renderer!)}): expect it to be slower than WASM`
    : choice;
}

/** The faster of the measured backends, and why. WebGL wins ties: it leaves the CPU to the page. */
export function decideFromTimings(renderer: string, t: Timings): BackendDecision {
  const emulated = `WebGL is emulated in software here (${rendererName(renderer)})`;
  if (t.wasm === null && t.webgl === null) {
    return { name: 'webgl', reason: `${emulated}, but neither backend finished a test run; trying WebGL`, timings: t };
  }
  if (t.webgl === null) {
    return {
      name: 'wasm',
      reason: `${emulated}; WASM ran the test in ${ms(t.wasm!)}, WebGL had not finished it after ${ms(t.budgetMs)}`,
      timings: t,
    };
  }
  if (t.wasm === null || t.webgl <= t.wasm) {
    return {
      name: 'webgl',
      reason: `WebGL is faster here (the test: ${ms(t.webgl)}${t.wasm === null ? '' : ` against ${ms(t.wasm)} on WASM`})`,
      timings: t,
    };
  }
  const ratio = t.webgl / t.wasm;
  return {
    name: 'wasm',
    reason: `${emulated}; WASM is ${ratio >= 1.95 ? `${Math.round(ratio)}x` : `${ratio.toFixed(1)}x`} faster (the test: ${ms(t.wasm)} on WASM, ${ms(t.webgl)} on WebGL)`,
    timings: t,
  };
}
