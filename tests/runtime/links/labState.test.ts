// The lab's state through a link, a lesson step and a preset, key by key from the URL key table: a key added to
// the table without a sample here is a type error, so every key is covered by construction.
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../../src/state/store.ts';
import { URL_KEYS, type UrlKey } from '../../../src/state/urlKeys.ts';
import { decodeHash, encodeHash } from '../../../src/state/urlSchema.ts';
import { applySharedState, sharedStateOf } from '../../../src/state/labState.ts';
import { PRESETS } from '../../../src/state/presets.ts';
import { ATTACK_DEFAULTS } from '../../../src/attacks/index.ts';
import { LESSON_FORMAT, LESSON_VERSION, type Lesson } from '../../../src/lessons/format.ts';
import { applyStepState, labStateNow } from '../../../src/runtime/lessons/index.ts';
import { applyPreset } from '../../../src/runtime/insights/index.ts';
import { chooseBackend, resetStore } from '../helpers.ts';

type Key = keyof typeof URL_KEYS;
type ValueOf<K extends Key> = (typeof URL_KEYS)[K] extends UrlKey<infer V> ? V : never;

const LESSON: Lesson = {
  format: LESSON_FORMAT,
  version: LESSON_VERSION,
  title: 'T',
  steps: [1, 2, 3].map((n) => ({ title: `S${n}`, text: 'x', state: '' })),
};

/**
 * For each key: a value other than its default, and how the page comes to hold it. `applied`: a link sets it in
 * the store (backend, lesson and step are acted on elsewhere: at start-up and by the lesson player).
 */
const SAMPLES: { [K in Key]: { value: ValueOf<K>; put(): void; applied: boolean } } = {
  image: { value: 1012, put: () => useAppStore.getState().selectImage(2), applied: true },
  model: { value: 'robust', put: () => useAppStore.getState().selectModel('robust'), applied: true },
  backend: { value: 'cpu', put: () => chooseBackend('user', 'cpu'), applied: false },
  target: { value: 7, put: () => useAppStore.getState().setTarget(7), applied: true },
  bpda: { value: true, put: () => (useAppStore.getState().selectModel('defended'), useAppStore.getState().setBpda(true)), applied: true },
  colormap: { value: 'diverging', put: () => useAppStore.getState().setView({ colormap: 'diverging' }), applied: true },
  hide: { value: ['gallery', 'training'], put: () => useAppStore.getState().setView({ hidden: ['gallery', 'training'] }), applied: true },
  big: { value: true, put: () => useAppStore.getState().setView({ bigText: true }), applied: true },
  lesson: {
    value: 'lessons/demo.json',
    put: () => useAppStore.getState().startLesson(LESSON, { kind: 'link', path: 'lessons/demo.json' }, 1, []),
    applied: false,
  },
  step: { value: 2, put: () => useAppStore.getState().startLesson(LESSON, { kind: 'link', path: 'lessons/demo.json' }, 1, []), applied: false },
};

const entries = Object.entries(URL_KEYS) as [Key, UrlKey<unknown>][];
const sample = (name: Key) => SAMPLES[name] as { value: unknown; put(): void; applied: boolean };

describe('state -> link -> state, for every key of the table', () => {
  beforeEach(resetStore);

  it.each(entries)('%s', (name, k) => {
    const { value, put, applied } = sample(name);
    expect(value, 'a sample other than the default').not.toEqual(k.default);
    put();
    expect(k.read(useAppStore.getState())).toEqual(value);
    const hash = encodeHash(sharedStateOf(useAppStore.getState()));
    expect(new URLSearchParams(hash).has(k.key), hash).toBe(true);
    const shared = decodeHash(hash);
    expect(k.get(shared)).toEqual(value);
    resetStore();
    expect(applySharedState(shared)).toEqual([]);
    if (applied) expect(k.read(useAppStore.getState())).toEqual(value);
  });

  it('the attack and its parameters come back too', () => {
    useAppStore.setState({ attackKind: 'pgd', configs: { ...useAppStore.getState().configs, pgd: { ...ATTACK_DEFAULTS.pgd, steps: 40 } } });
    const shared = decodeHash(encodeHash(sharedStateOf(useAppStore.getState())));
    resetStore();
    applySharedState(shared);
    expect(useAppStore.getState().attackKind).toBe('pgd');
    expect(useAppStore.getState().configs.pgd.steps).toBe(40);
  });
});

describe("a lesson step carries the lab keys and keeps the viewer's", () => {
  beforeEach(resetStore);

  it.each(entries)('%s', (name, k) => {
    const { value, put, applied } = sample(name);
    put();
    const step = labStateNow();
    expect(new URLSearchParams(step).has(k.key), step).toBe(k.scope === 'lab');
    resetStore();
    // The viewer's own choices are on screen when the step shows: they stay.
    if (k.scope !== 'lab') put();
    applyStepState(step);
    if (applied) expect(k.read(useAppStore.getState())).toEqual(value);
    expect(useAppStore.getState().notice).toBeNull();
  });
});

describe('a preset', () => {
  beforeEach(resetStore);

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s sets its lab state and keeps the image and the view', (_id, p) => {
    useAppStore.getState().selectImage(1);
    useAppStore.getState().setView({ bigText: true, hidden: ['gallery'] });
    applyPreset(p);
    const s = useAppStore.getState();
    expect(s.selectedModelId).toBe(p.state.model);
    expect(s.attackKind).toBe(p.state.attack);
    expect(s.configs[p.state.attack]).toEqual(p.state.config);
    expect(s.target).toBe(p.state.target);
    expect(s.selectedId).toBe(1);
    expect(s.view).toMatchObject({ bigText: true, hidden: ['gallery'] });
  });
});
