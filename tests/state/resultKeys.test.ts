// The keys that say what a result was computed for: one clean key (image, model weights) and one attack key.
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../src/state/store.ts';
import { cleanKeyOf } from '../../src/state/labSlice.ts';
import { attackKeyOf } from '../../src/state/attackSlice.ts';
import { comparedModels, insightKeyOf } from '../../src/state/insightSlice.ts';

const pixels = new Uint8Array(32 * 32 * 3);
const images = [0, 1].map((id) => ({ id, pixels, label: id, sourceIndex: 100 + id }));

describe('result keys', () => {
  beforeEach(() => useAppStore.setState(useAppStore.getInitialState(), true));

  it('are null until there is an image', () => {
    const s = useAppStore.getState();
    expect(cleanKeyOf(s)).toBeNull();
    expect(attackKeyOf(s)).toBeNull();
  });

  it('the clean key follows the image and the weights, not the attack settings', () => {
    const store = useAppStore.getState();
    store.setGallery(images, ['a', 'b']);
    store.selectImage(0);
    const first = cleanKeyOf(useAppStore.getState());
    expect(first).not.toBeNull();
    useAppStore.getState().setParam('eps', 4 / 255);
    useAppStore.getState().setTarget(3);
    expect(cleanKeyOf(useAppStore.getState())).toBe(first);
    useAppStore.getState().bumpModelVersion('standard');
    const retrained = cleanKeyOf(useAppStore.getState());
    expect(retrained).not.toBe(first);
    useAppStore.getState().selectModel('robust');
    expect(cleanKeyOf(useAppStore.getState())).not.toBe(retrained);
    useAppStore.getState().selectImage(1);
    expect(new Set([first, retrained, cleanKeyOf(useAppStore.getState())]).size).toBe(3);
  });

  it('the attack key extends the clean key with the settings, and with the target only where the attack takes one', () => {
    const store = useAppStore.getState();
    store.setGallery(images, ['a', 'b']);
    store.selectImage(0);
    store.setAttackKind('pgd');
    const untargeted = attackKeyOf(useAppStore.getState())!;
    expect(untargeted.startsWith(`${cleanKeyOf(useAppStore.getState())}|`)).toBe(true);
    useAppStore.getState().setTarget(3);
    const targeted = attackKeyOf(useAppStore.getState());
    expect(targeted).not.toBe(untargeted);
    useAppStore.getState().setParam('eps', 4 / 255);
    expect(attackKeyOf(useAppStore.getState())).not.toBe(targeted);
    // DeepFool is untargeted: the chosen target does not change what it computes.
    useAppStore.getState().setAttackKind('deepfool');
    const deepfool = attackKeyOf(useAppStore.getState());
    useAppStore.getState().setTarget(5);
    expect(attackKeyOf(useAppStore.getState())).toBe(deepfool);
  });
});

describe('the insight views', () => {
  beforeEach(() => useAppStore.setState(useAppStore.getInitialState(), true));

  it('compare the shipped pair, and add the lab model when it is your own', () => {
    const ids = () => comparedModels(useAppStore.getState()).map((m) => m.id);
    expect(ids()).toEqual(['standard', 'robust']);
    useAppStore.getState().selectModel('robust');
    expect(ids()).toEqual(['standard', 'robust']);
    useAppStore.getState().addModel({ id: 'finetuned', name: 'My model', source: 'training', status: 'ready' });
    useAppStore.getState().selectModel('finetuned');
    expect(ids()).toEqual(['standard', 'robust', 'finetuned']);
  });

  it('are keyed by the image, plus your own model (and, for the gradients, its weights)', () => {
    const store = useAppStore.getState();
    store.setGallery(images, ['a', 'b']);
    store.selectImage(0);
    const shipped = insightKeyOf(useAppStore.getState(), true);
    useAppStore.getState().selectModel('robust');
    useAppStore.getState().bumpModelVersion('robust');
    expect(insightKeyOf(useAppStore.getState(), true)).toBe(shipped);
    useAppStore.getState().addModel({ id: 'finetuned', name: 'My model', source: 'training', status: 'ready' });
    useAppStore.getState().selectModel('finetuned');
    const own = insightKeyOf(useAppStore.getState(), true);
    const ownDrawn = insightKeyOf(useAppStore.getState(), false);
    expect(own).not.toBe(shipped);
    useAppStore.getState().bumpModelVersion('finetuned');
    expect(insightKeyOf(useAppStore.getState(), true)).not.toBe(own);
    expect(insightKeyOf(useAppStore.getState(), false)).toBe(ownDrawn);
    useAppStore.getState().selectImage(1);
    expect(insightKeyOf(useAppStore.getState(), false)).not.toBe(ownDrawn);
  });
});
