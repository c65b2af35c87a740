// Which tfjs backend to start on, decided from what was measured. Plain data in, plain data out: no tfjs, no DOM,
// so the rules are unit-tested in Node and the words the status line and the training panel show are decided here.
// A renderer's name can only say "software" (SwiftShader, llvmpipe): a masked name ("Apple GPU" in WebKit, on a Mac
// as on Linux) says nothing, so every candidate present is timed and the name only adds words.
import { BACKEND_LABELS, type BackendName } from '../../state/backendSlice.ts';

/** Renderer or adapter names of WebGL and WebGPU implementations that run on the CPU (no usable GPU). */
const SOFTWARE_RENDERERS =
  /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render|software rasterizer|mesa offscreen|gdi generic|fallback adapter/i;

export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERERS.test(renderer);
}

/** A short name for the renderer, as a student would recognise it ("SwiftShader"). */
export function rendererName(renderer: string): string {
  const found = SOFTWARE_RENDERERS.exec(renderer)?.[0];
  return found === undefined ? renderer : /^swiftshader$/i.test(found) ? 'SwiftShader' : found;
}

/** The backends timed against each other; the CPU one is never a contender. */
export type TimedBackend = Exclude<BackendName, 'cpu'>;

/** Ties go to the first: a GPU leaves the CPU to the page (and WebGPU to the newer API). */
const PREFERENCE: TimedBackend[] = ['webgpu', 'webgl', 'wasm'];

/** The GPU candidates present, by the name the browser gives them; null where absent. */
export interface GpuNames {
  webgl: string | null;
  webgpu: string | null;
}

/** One warm run of the probe per candidate timed, in ms; null when it did not finish within the budget or failed. */
export interface Timings {
  ms: Partial<Record<TimedBackend, number | null>>;
  /** How long each candidate was given. */
  budgetMs: number;
}

export interface BackendDecision {
  name: BackendName;
  /** Why, in words a student understands. */
  reason: string;
  timings?: Timings;
}

const ms = (v: number) => `${Math.round(v)} ms`;
const joinAnd = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** "WebGL and WebGPU are emulated in software here (SwiftShader)", or null where no candidate's name says so. */
export function softwareNote(gpus: GpuNames, only?: TimedBackend): string | null {
  const soft = (['webgl', 'webgpu'] as const).filter((b) => (only === undefined || b === only) && isSoftwareRenderer(gpus[b]));
  if (soft.length === 0) return null;
  const names = [...new Set(soft.map((b) => rendererName(gpus[b]!)))];
  const who =
    names.length === 1
      ? `${joinAnd(soft.map((b) => BACKEND_LABELS[b]))}`
      : joinAnd(soft.map((b) => `${BACKEND_LABELS[b]} (${rendererName(gpus[b]!)})`));
  return `${who} ${soft.length === 1 ? 'is' : 'are'} emulated in software here${names.length === 1 ? ` (${names[0]})` : ''}`;
}

/** Why a backend the user or a link picked runs, with a word where it is a GPU emulated in software (slow, no GPU behind it). */
export function userChoiceReason(name: BackendName, gpus: GpuNames, choice: string): string {
  const note = name === 'webgl' || name === 'webgpu' ? softwareNote(gpus, name) : null;
  return note ? `${choice}, but ${note}: expect it to be slower than WASM` : choice;
}

/** "timed: WebGPU 3 ms, WASM 4 ms, WebGL had not finished after 400 ms": fastest first, unfinished last. */
export function timingsText(t: Timings): string {
  const entries = PREFERENCE.filter((b) => b in t.ms).map((b) => [b, t.ms[b] ?? null] as const);
  const done = entries.filter(([, v]) => v !== null).sort((a, b) => a[1]! - b[1]!);
  const words = [
    ...done.map(([b, v]) => `${BACKEND_LABELS[b]} ${ms(v!)}`),
    ...entries.filter(([, v]) => v === null).map(([b]) => `${BACKEND_LABELS[b]} had not finished after ${ms(t.budgetMs)}`),
  ];
  return `timed: ${words.join(', ')}`;
}

const ratioText = (r: number) => (r >= 1.95 ? `${Math.round(r)}x` : `${r.toFixed(1)}x`);

/**
 * The fastest of the candidates timed (ties to the GPU), and why: which name says "software", how much faster the
 * winner was than the next, and every time measured.
 */
export function decideFromTimings(gpus: GpuNames, t: Timings): BackendDecision {
  const note = softwareNote(gpus);
  const lead = note ? `${note}; ` : '';
  const finished = PREFERENCE.filter((b) => typeof t.ms[b] === 'number').sort(
    (a, b) => t.ms[a]! - t.ms[b]! || PREFERENCE.indexOf(a) - PREFERENCE.indexOf(b),
  );
  const timed = timingsText(t);
  if (finished.length === 0) {
    const gpu = PREFERENCE.find((b) => b !== 'wasm' && b in t.ms) ?? 'wasm';
    return { name: gpu, reason: `${lead}no backend finished the test in time; trying ${BACKEND_LABELS[gpu]} (${timed})`, timings: t };
  }
  const [won, next] = finished as [TimedBackend, TimedBackend | undefined];
  let headline: string;
  if (next === undefined) headline = `${BACKEND_LABELS[won]} is the only one to finish the test`;
  else if (Math.round(t.ms[won]!) === Math.round(t.ms[next]!)) {
    headline = `${BACKEND_LABELS[won]} is as fast as ${BACKEND_LABELS[next]}${won === 'wasm' ? '' : ' and leaves the CPU to the page'}`;
  } else headline = `${BACKEND_LABELS[won]} is ${ratioText(t.ms[next]! / t.ms[won]!)} faster than ${BACKEND_LABELS[next]}`;
  return { name: won, reason: `${lead}${headline} (${timed})`, timings: t };
}
