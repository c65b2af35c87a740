// The gradient view and the decision landscape on tiny fake models: each writes only for the image and models on
// screen, reports Cancel as cancelled, and computes a map per compared model.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { drawLandscape, showGradients, cancelLandscape, cancelInsights } from '../../../src/runtime/insights/index.ts';
import { forgetModels, registerLoadedModel } from '../../../src/runtime/models/index.ts';
import { useAppStore, type AppState } from '../../../src/state/store.ts';
import { insightKeyOf } from '../../../src/state/insightSlice.ts';
import { ROBUST_MODEL_ID, STANDARD_MODEL_ID } from '../../../src/model/shipped.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { chooseBackend, resetStore, tinyCifarModel, until } from '../helpers.ts';

let unwatch: (() => void) | null = null;
/** Every landscape and gradient readout the store received, with the key on screen when it arrived. */
let writes: { what: string; for: string; keyNow: string | null }[] = [];

beforeAll(() => useBackend('wasm'));
beforeEach(() => {
  forgetModels();
  resetStore();
  chooseBackend('measurement', 'cpu');
  registerLoadedModel(STANDARD_MODEL_ID, tinyCifarModel(7));
  registerLoadedModel(ROBUST_MODEL_ID, tinyCifarModel(8));
  writes = [];
  unwatch = useAppStore.subscribe((s: AppState, prev: AppState) => {
    if (s.landscape && s.landscape !== prev.landscape)
      writes.push({ what: `landscape ${s.landscape.status}`, for: s.landscape.for, keyNow: insightKeyOf(s, false) });
    if (s.gradients && s.gradients !== prev.gradients)
      writes.push({ what: `gradients ${s.gradients.status}`, for: s.gradients.for, keyNow: insightKeyOf(s, true) });
  });
});
afterEach(() => {
  unwatch?.();
  cancelInsights();
});

const state = () => useAppStore.getState();

describe('the gradient view', () => {
  it("draws both shipped models' gradients for the image on screen, and only for it", async () => {
    const first = showGradients();
    state().selectImage(2); // the image changes while the first view computes
    await first;
    await showGradients();
    const g = state().gradients!;
    expect(g.status).toBe('done');
    expect(g.for).toBe(insightKeyOf(state(), true));
    expect(g.maps.map((m) => m.modelId)).toEqual([STANDARD_MODEL_ID, ROBUST_MODEL_ID]);
    expect(g.maps[0]!.magnitude).toHaveLength(32 * 32 * 3);
    for (const w of writes) expect(w.for, w.what).toBe(w.keyNow);
  });
});

describe('the decision landscape', () => {
  it('maps each compared model in the attack plane', async () => {
    await drawLandscape();
    const l = state().landscape!;
    expect(l.status).toBe('done');
    expect(l.maps.map((m) => m.modelId)).toEqual([STANDARD_MODEL_ID, ROBUST_MODEL_ID]);
    expect(l.maps[0]!.pred).toHaveLength(l.maps[0]!.size ** 2);
  });

  it('Cancel says cancelled; a new image stops the old map, and nothing is written for it', async () => {
    const cancelled = drawLandscape();
    await until(() => (state().landscape?.progress ?? 0) > 0);
    cancelLandscape();
    await cancelled;
    expect(state().landscape!.status).toBe('cancelled');
    const stale = drawLandscape();
    await until(() => state().landscape?.status === 'running');
    state().selectImage(1);
    await stale;
    for (const w of writes) expect(w.for, w.what).toBe(w.keyNow);
    expect(state().landscape!.for).not.toBe(insightKeyOf(state(), false));
  });
});
