// The URL keys of a shareable link, one entry each: how a key's text is read (parse), brought into range
// (clamp), written (serialise), its default (left out of links), and where its value lives in SharedState.
// urlSchema.ts reads and writes links with this table; src/runtime/share.ts builds SharedState for it.
import type { AttackConfig, AttackKind } from '../attacks/types.ts';
import { NUM_CLASSES } from '../data/cifar10.ts';
import { HIDEABLE, type Hideable, type ViewFlags } from './uiSlice.ts';

/** What a link carries. Attack parameters are in stored units (eps 8/255 as 0.0314...). */
export interface SharedState {
  /** CIFAR-10 test index of a gallery image. */
  image?: number;
  model?: string;
  /** Preferred tfjs backend (falls back from there). */
  backend?: Backend;
  attack?: AttackKind;
  config?: AttackConfig;
  target?: number | null;
  view?: Partial<ViewFlags>;
  /** The lesson open in the page, as the address of its JSON file (resolved against the page's address). */
  lesson?: string;
  /** The lesson's step on screen, counted from 1. */
  step?: number;
}

const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface UrlKey<V> {
  key: string;
  /** The value the text stands for; undefined when it is not one (the key is then ignored, and reported). */
  parse(raw: string): V | undefined;
  /** Into range; a value it changes is reported as clamped. */
  clamp?(value: V): V;
  /** The text parse reads back as the same value. */
  serialise(value: V): string;
  /** Left out of links. */
  default?: V;
  get(s: SharedState): V | undefined;
  set(s: SharedState, value: V): void;
}

const LESSON_PATH_MAX = 500;
const INTEGER = /^-?\d+$/;
const int = (raw: string) => (INTEGER.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined);
const clampInt = (min: number, max: number) => (v: number) => Math.min(max, Math.max(min, v));
const oneOf = <T extends string>(options: readonly T[]) => (raw: string) => options.find((o) => o === raw);

/**
 * A model id a link can name: a shipped model or the training copy (lower-case words), or a model saved in the
 * browser (`saved:` and its name: letters, digits, spaces, dots, dashes, underscores). Uploaded models
 * (`upload:...`) exist only in the tab that uploaded them, so no link names them.
 */
export const LINKABLE_MODEL_ID = /^(?:[a-z0-9-]{1,40}|saved:[\w .-]{1,40})$/;

/** The view's parts, as lenses into SharedState.view. */
const view = <F extends keyof ViewFlags>(f: F) => ({
  get: (s: SharedState) => s.view?.[f],
  set: (s: SharedState, v: ViewFlags[F]) => void (s.view = { ...s.view, [f]: v }),
});

/** Every key of a link apart from the attack's (those come from the attack descriptors: urlSchema.ts). */
export const URL_KEYS = {
  image: {
    // An index names an image or none: it is not clamped to another image (applying the link says which is shown).
    key: 'image', parse: int, serialise: String,
    get: (s) => s.image, set: (s, v) => void (s.image = v),
  } satisfies UrlKey<number>,
  model: {
    key: 'model', parse: (raw) => (LINKABLE_MODEL_ID.test(raw) ? raw : undefined), serialise: String,
    get: (s) => s.model, set: (s, v) => void (s.model = v),
  } satisfies UrlKey<string>,
  backend: {
    key: 'backend', parse: oneOf(BACKENDS), serialise: String, default: 'webgl',
    get: (s) => s.backend, set: (s, v) => void (s.backend = v),
  } satisfies UrlKey<Backend>,
  target: {
    key: 'target', parse: (raw) => (raw === 'none' ? null : int(raw)), clamp: (v) => (v === null ? null : clampInt(0, NUM_CLASSES - 1)(v)),
    serialise: (v) => (v === null ? 'none' : String(v)), default: null,
    get: (s) => s.target, set: (s, v) => void (s.target = v),
  } satisfies UrlKey<number | null>,
  colormap: {
    key: 'colormap', parse: oneOf(['amplified', 'diverging'] as const), serialise: String, default: 'amplified', ...view('colormap'),
  } satisfies UrlKey<ViewFlags['colormap']>,
  hide: {
    // Clamping keeps the names of parts the page has (and each once).
    key: 'hide', parse: (raw) => raw.split(','), serialise: (v) => v.join(','), default: [],
    clamp: (v) => [...new Set(v.filter((h): h is Hideable => (HIDEABLE as readonly string[]).includes(h)))],
    get: (s) => s.view?.hidden, set: (s, v) => void (s.view = { ...s.view, hidden: v as Hideable[] }),
  } satisfies UrlKey<string[]>,
  big: {
    key: 'big', parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined), serialise: (v) => (v ? '1' : '0'), default: false,
    ...view('bigText'),
  } satisfies UrlKey<boolean>,
  // A lesson opened from a link: the address keeps naming it and its step, so a reload or a copied address
  // comes back to the same step. The path is only read here; opening it checks that it is on this site.
  lesson: {
    key: 'lesson', parse: (raw) => (raw.length > 0 && raw.length <= LESSON_PATH_MAX && !/[\u0000-\u001f]/.test(raw) ? raw : undefined),
    serialise: String, get: (s) => s.lesson, set: (s, v) => void (s.lesson = v),
  } satisfies UrlKey<string>,
  step: {
    key: 'step', parse: int, clamp: (v) => Math.max(1, v), serialise: String,
    get: (s) => s.step, set: (s, v) => void (s.step = v),
  } satisfies UrlKey<number>,
} as const;

/** The keys that say which lesson is open, not what the lab shows: a lesson's own steps never carry them. */
export const LESSON_KEYS: readonly string[] = [URL_KEYS.lesson.key, URL_KEYS.step.key];
