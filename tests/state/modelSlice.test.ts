import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { BUNDLED_MODELS, modelKey, selectedModel, type ModelInfo } from '../../src/state/modelSlice.ts';

const state = () => useAppStore.getState();
const uploaded: ModelInfo = { id: 'upload:1', name: 'mine (uploaded)', source: 'upload', status: 'ready' };

describe('modelSlice', () => {
  beforeEach(resetAppStore);

  it('starts with the bundled models and the standard one selected', () => {
    expect(state().models).toEqual(BUNDLED_MODELS);
    expect(selectedModel(state())?.id).toBe('standard');
    expect(modelKey(state())).toBe('standard@0');
  });

  it('selects only models it has', () => {
    state().selectModel('robust');
    expect(selectedModel(state())?.id).toBe('robust');
    state().selectModel('no-such-model');
    expect(state().selectedModelId).toBe('robust');
  });

  it('adding a model with a known id replaces it instead of listing it twice', () => {
    state().addModel(uploaded);
    state().addModel({ ...uploaded, name: 'mine, again' });
    expect(state().models.filter((m) => m.id === uploaded.id)).toEqual([{ ...uploaded, name: 'mine, again' }]);
    expect(state().models).toHaveLength(BUNDLED_MODELS.length + 1);
  });

  it('removing the selected model falls back to the first one left', () => {
    state().addModel(uploaded);
    state().selectModel(uploaded.id);
    state().removeModel(uploaded.id);
    expect(state().models.map((m) => m.id)).toEqual(BUNDLED_MODELS.map((m) => m.id));
    expect(state().selectedModelId).toBe(BUNDLED_MODELS[0]!.id);
  });

  it('removing another model keeps the selection', () => {
    state().addModel(uploaded);
    state().selectModel('robust');
    state().removeModel(uploaded.id);
    expect(state().selectedModelId).toBe('robust');
    state().removeModel('standard');
    expect(state().selectedModelId).toBe('robust');
    expect(state().models.map((m) => m.id)).toEqual(['robust', 'defended']);
  });

  it('updateModel patches the one model it names', () => {
    state().updateModel('robust', { status: 'failed', message: 'weights.bin: 404' });
    expect(state().models.find((m) => m.id === 'robust')).toEqual({ ...BUNDLED_MODELS[1], status: 'failed', message: 'weights.bin: 404' });
    expect(state().models.find((m) => m.id === 'standard')).toEqual(BUNDLED_MODELS[0]);
  });

  it("a model's version counts its weight changes, and the key follows the selected model", () => {
    state().bumpModelVersion('standard');
    state().bumpModelVersion('standard');
    state().bumpModelVersion('robust');
    expect(modelKey(state())).toBe('standard@2');
    state().selectModel('robust');
    expect(modelKey(state())).toBe('robust@1');
  });

  it('keeps the last model error until it is cleared', () => {
    state().setModelError('not valid JSON');
    expect(state().modelError).toBe('not valid JSON');
    state().setModelError(null);
    expect(state().modelError).toBeNull();
  });
});
