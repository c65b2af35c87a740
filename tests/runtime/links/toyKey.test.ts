// A new URL key is one entry of the table: added here (a toy key whose value lives outside the store), links,
// lesson steps and the address bar carry it with no other change.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UrlKey } from '../../../src/state/urlKeys.ts';

const toy = vi.hoisted(() => ({ value: 'plain' }));

vi.mock('../../../src/state/urlKeys.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/state/urlKeys.ts')>();
  const entry: UrlKey<string> = {
    key: 'toy',
    scope: 'lab',
    default: 'plain',
    parse: (raw) => (/^[a-z]{1,10}$/.test(raw) ? raw : undefined),
    serialise: String,
    get: (s) => (s as { toy?: string }).toy,
    set: (s, v) => void ((s as { toy?: string }).toy = v),
    read: () => toy.value,
    write: (_s, v) => ((toy.value = v ?? 'plain'), []),
  };
  const URL_KEYS = { ...real.URL_KEYS, toy: entry };
  return { ...real, URL_KEYS, URL_KEY_LIST: Object.values(URL_KEYS) };
});

const { useAppStore } = await import('../../../src/state/store.ts');
const { decodeHashReport, encodeHash } = await import('../../../src/state/urlSchema.ts');
const { applyHash, startHashSync } = await import('../../../src/runtime/share.ts');
const { applyStepState, labStateNow } = await import('../../../src/runtime/lessons/index.ts');
const { validateLesson, LESSON_FORMAT, LESSON_VERSION } = await import('../../../src/lessons/format.ts');
const { fakeWindow, resetStore } = await import('../helpers.ts');

describe('a toy key added to the table', () => {
  beforeEach(() => {
    resetStore();
    toy.value = 'plain';
  });

  it('links read and write it, and report a bad value', () => {
    expect(encodeHash({ toy: 'spark' } as never)).toBe('toy=spark');
    expect(decodeHashReport('#toy=Bad!').problems).toEqual(['toy=Bad! was ignored']);
    applyHash('#toy=spark');
    expect(toy.value).toBe('spark');
    expect(useAppStore.getState().notice).toBeNull();
  });

  it('a lesson step stores it, a lesson file may name it, and showing the step sets it', () => {
    toy.value = 'spark';
    const state = labStateNow();
    expect(new URLSearchParams(state).get('toy')).toBe('spark');
    const checked = validateLesson({ format: LESSON_FORMAT, version: LESSON_VERSION, title: 'T', steps: [{ title: 'S', text: 'x', state }] });
    expect(checked.ok).toBe(true);
    toy.value = 'plain';
    applyStepState(state);
    expect(toy.value).toBe('spark');
  });

  it('the address bar follows it', () => {
    const w = fakeWindow('http://localhost/epsilon/#');
    const stop = startHashSync();
    try {
      toy.value = 'spark';
      useAppStore.getState().setTarget(3); // any change of the store writes the address again
      expect(new URLSearchParams(new URL(w.location.href).hash.slice(1)).get('toy')).toBe('spark');
    } finally {
      stop();
    }
  });
});
