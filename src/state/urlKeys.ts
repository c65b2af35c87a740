// The URL keys of a shareable link, one entry each: how a key's text is read (parse), brought into range
// (clamp), written (serialise), its default (left out of links), where its value lives in SharedState and in the
// store (read, write), and whose it is (scope). urlSchema.ts reads and writes links with this table, and
// labState.ts moves SharedState to and from the store with it: a new key is one entry here.
import type { AttackConfig, AttackKind } from '../attacks/catalog.ts';
import { NUM_CLASSES } from '../data/cifar10.ts';
import { DEFAULT_VIEW, HIDEABLE, type Hideable, type ViewFlags } from './uiSlice.ts';
import { selectedImage } from './gallerySlice.ts';
import { lessonAddress } from './lessonSlice.ts';
import type { AppState } from './store.ts';
import { BACKEND_NAMES } from './backendSlice.ts';
import { STANDARD_MODEL_ID } from '../model/shipped.ts';
import { selectedModel } from './modelSlice.ts';

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
  /** Attack a defended model through its straight-through gradient. */
  bpda?: boolean;
  view?: Partial<ViewFlags>;
  /** The lesson open in the page, as the address of its JSON file (resolved against the page's address). */
  lesson?: string;
  /** The lesson's step on screen, counted from 1. */
  step?: number;
}

const BACKENDS = BACKEND_NAMES;
export type Backend = (typeof BACKENDS)[number];

/**
 * Whose a key is. The lab's keys are what a lesson step and a preset set. The viewer's (presenter mode, a
 * forced backend) are this person's choice: a step or preset keeps them as they are, and a step never stores
 * them. The lesson's keys say which lesson is open and at which step (the lesson player follows them).
 */
export type KeyScope = 'lab' | 'viewer' | 'lesson';

/** A key of a link: its text and where its value lives in SharedState (attack parameters are only this). */
export interface LinkKey<V> {
  key: string;
  /** The value the text stands for; undefined when it is not one (the key is then ignored, and reported). */
  parse(raw: string): V | undefined;
  /** What parse accepts, for the report of a value it refused ("a class from 0 to 9, or none"). */
  expected?: string;
  /** Into range; a value it changes is reported as clamped. */
  clamp?(value: V): V;
  /** The text parse reads back as the same value. */
  serialise(value: V): string;
  /** Left out of links. */
  default?: V;
  get(s: SharedState): V | undefined;
  set(s: SharedState, value: V): void;
}

/** A key of the table: a link key that also says whose it is and where it lives in the store. */
export interface UrlKey<V> extends LinkKey<V> {
  scope: KeyScope;
  /** The value in the store as a link carries it (undefined: a link leaves it out). */
  read(s: AppState): V | undefined;
  /**
   * Sets the store from a link's value (undefined: the link does not name it, so the key's default or the
   * user's own choice stays). Returns what could not be applied, naming the key and what was used instead.
   */
  write(s: AppState, value: V | undefined): string[];
}

/** A key the store only reports to links (the page acts on it elsewhere: at start-up, or by the lesson player). */
const readOnly = () => [];

/** The model ids a link can carry: a shipped or saved model, not one that exists in this tab only. */
export function linkable(s: AppState, modelId: string): boolean {
  const source = s.models.find((m) => m.id === modelId)?.source;
  return source === 'bundled' || source === 'saved';
}

const LESSON_PATH_MAX = 500;
const INTEGER = /^-?\d+$/;
const int = (raw: string) => (INTEGER.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined);
const classIndex = (raw: string) => {
  const v = int(raw);
  return v !== undefined && v >= 0 && v < NUM_CLASSES ? v : undefined;
};
const oneOf =
  <T extends string>(options: readonly T[]) =>
  (raw: string) =>
    options.find((o) => o === raw);

/**
 * A model id a link can name: a shipped model or the training copy (lower-case words), or a model saved in the
 * browser (`saved:` and its name: letters, digits, spaces, dots, dashes, underscores). Uploaded models
 * (`upload:...`) exist only in the tab that uploaded them, so no link names them.
 */
export const LINKABLE_MODEL_ID = /^(?:[a-z0-9-]{1,40}|saved:[\w .-]{1,40})$/;

/** The view's parts, as lenses into SharedState.view and the store's view (a link that leaves one out resets it). */
const view = <F extends keyof ViewFlags>(f: F) => ({
  get: (s: SharedState) => s.view?.[f],
  set: (s: SharedState, v: ViewFlags[F]) => void (s.view = { ...s.view, [f]: v }),
  read: (s: AppState) => s.view[f],
  write: (s: AppState, v: ViewFlags[F] | undefined) => (s.setView({ [f]: v ?? DEFAULT_VIEW[f] }), []),
});

/** Every key of a link apart from the attack's (those come from the attack descriptors: urlSchema.ts). */
export const URL_KEYS = {
  image: {
    // An index names an image or none: it is not clamped to another image (applying the link says which is shown).
    key: 'image',
    scope: 'lab',
    parse: int,
    serialise: String,
    get: (s) => s.image,
    set: (s, v) => void (s.image = v),
    read: (s) => (s.imageSource === 'gallery' ? selectedImage(s)?.sourceIndex : undefined),
    // A link without an image keeps the user's own image on screen; else its image, or the gallery's first.
    write: (s, v) => {
      if (s.gallery.status !== 'ready') return [];
      const first = s.gallery.images[0];
      const wanted = v === undefined ? undefined : s.gallery.images.find((i) => i.sourceIndex === v);
      const image = wanted ?? (v === undefined && s.imageSource !== 'gallery' ? undefined : first);
      if (image) s.selectImage(image.id);
      return v !== undefined && !wanted && first
        ? [`image=${v} is not in the gallery (its images are listed under it); showing image ${first.sourceIndex} instead`]
        : [];
    },
  } satisfies UrlKey<number>,
  model: {
    key: 'model',
    scope: 'lab',
    parse: (raw) => (LINKABLE_MODEL_ID.test(raw) ? raw : undefined),
    serialise: String,
    get: (s) => s.model,
    set: (s, v) => void (s.model = v),
    read: (s) => (linkable(s, s.selectedModelId) ? s.selectedModelId : undefined),
    // A link without a model keeps the user's own (uploaded, in training); else the standard model.
    write: (s, v) => {
      const wanted = v ?? (linkable(s, s.selectedModelId) ? STANDARD_MODEL_ID : s.selectedModelId);
      if (s.models.some((m) => m.id === wanted)) return (s.selectModel(wanted), []);
      s.selectModel(STANDARD_MODEL_ID);
      return [`model=${wanted} is not in this browser; using the standard model instead`];
    },
  } satisfies UrlKey<string>,
  backend: {
    key: 'backend',
    scope: 'viewer',
    parse: oneOf(BACKENDS),
    serialise: String,
    default: 'webgl',
    get: (s) => s.backend,
    set: (s, v) => void (s.backend = v),
    // Only a backend someone chose: a measured choice is this machine's, and the next one measures for itself.
    read: (s) =>
      s.backend.status === 'ready' && (s.backend.info.chosenBy === 'link' || s.backend.info.chosenBy === 'user') ? s.backend.info.name : undefined,
    // Read at start-up, before the backend starts (runtime/startup.ts).
    write: readOnly,
  } satisfies UrlKey<Backend>,
  target: {
    // A class is not a range: target=-1 is no class at all, not the nearest one (airplane), so it is refused.
    key: 'target',
    scope: 'lab',
    parse: (raw) => (raw === 'none' ? null : classIndex(raw)),
    expected: `a class from 0 to ${NUM_CLASSES - 1}, or none`,
    serialise: (v) => (v === null ? 'none' : String(v)),
    default: null,
    get: (s) => s.target,
    set: (s, v) => void (s.target = v),
    read: (s) => s.target,
    write: (s, v) => (s.setTarget(v ?? null), []),
  } satisfies UrlKey<number | null>,
  bpda: {
    key: 'bpda',
    scope: 'lab',
    parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
    serialise: (v) => (v ? '1' : '0'),
    default: false,
    get: (s) => s.bpda,
    set: (s, v) => void (s.bpda = v),
    // Only where it applies: a link to a model without a defence does not ask for it.
    read: (s) => s.bpda && selectedModel(s)?.defence !== undefined,
    // Asked for on a model without a defence (the model key is applied first): nothing to go through, and said so.
    write: (s, v) => {
      const model = selectedModel(s);
      const ignored = v === true && model?.defence === undefined;
      s.setBpda(ignored ? false : (v ?? false));
      const defended = s.models.filter((m) => m.defence !== undefined).map((m) => m.name);
      const which = defended.length > 0 ? ` (BPDA is for ${defended.join(', ')})` : '';
      return ignored ? [`bpda=1 was ignored: ${model?.name ?? 'this model'} has no defence to attack through${which}`] : [];
    },
  } satisfies UrlKey<boolean>,
  colormap: {
    key: 'colormap',
    scope: 'lab',
    parse: oneOf(['amplified', 'diverging'] as const),
    serialise: String,
    default: 'amplified',
    ...view('colormap'),
  } satisfies UrlKey<ViewFlags['colormap']>,
  hide: {
    // Clamping keeps the names of parts the page has (and each once).
    key: 'hide',
    scope: 'lab',
    parse: (raw) => raw.split(','),
    serialise: (v) => v.join(','),
    default: [],
    clamp: (v) => [...new Set(v.filter((h): h is Hideable => (HIDEABLE as readonly string[]).includes(h)))],
    get: (s) => s.view?.hidden,
    set: (s, v) => void (s.view = { ...s.view, hidden: v as Hideable[] }),
    read: (s) => s.view.hidden,
    write: (s, v) => (s.setView({ hidden: (v as Hideable[] | undefined) ?? DEFAULT_VIEW.hidden }), []),
  } satisfies UrlKey<string[]>,
  big: {
    key: 'big',
    scope: 'viewer',
    parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
    serialise: (v) => (v ? '1' : '0'),
    default: false,
    ...view('bigText'),
  } satisfies UrlKey<boolean>,
  // A lesson opened from a link: the address keeps naming it and its step, so a reload or a copied address
  // comes back to the same step. The path is only read here; opening it checks that it is on this site.
  lesson: {
    key: 'lesson',
    scope: 'lesson',
    parse: (raw) => (raw.length > 0 && raw.length <= LESSON_PATH_MAX && !/[\u0000-\u001f]/.test(raw) ? raw : undefined),
    serialise: String,
    get: (s) => s.lesson,
    set: (s, v) => void (s.lesson = v),
    // The lesson player follows it (runtime/lessons/address.ts).
    read: (s) => lessonAddress(s).lesson,
    write: readOnly,
  } satisfies UrlKey<string>,
  step: {
    key: 'step',
    scope: 'lesson',
    parse: int,
    clamp: (v) => Math.max(1, v),
    serialise: String,
    get: (s) => s.step,
    set: (s, v) => void (s.step = v),
    read: (s) => lessonAddress(s).step,
    write: readOnly,
  } satisfies UrlKey<number>,
} as const;

/** Every key of the table, for code that goes over all of them. */
export const URL_KEY_LIST: readonly UrlKey<unknown>[] = Object.values(URL_KEYS) as UrlKey<unknown>[];

/** The keys of one scope's, by name. */
export const keysOf = (scope: KeyScope): readonly string[] => URL_KEY_LIST.filter((k) => k.scope === scope).map((k) => k.key);
