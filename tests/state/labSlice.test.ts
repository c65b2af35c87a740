import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { toPrediction } from '../../src/state/labSlice.ts';

const state = () => useAppStore.getState();

describe('labSlice', () => {
  beforeEach(resetAppStore);

  it('holds the clean prediction, or its error, tagged with what it was computed for', () => {
    expect(state().clean).toBeNull();
    const prediction = toPrediction([0.1, 0.7, 0.2]);
    state().setClean({ for: 'gallery:1|standard@0', prediction });
    expect(state().clean).toEqual({ for: 'gallery:1|standard@0', prediction });
    state().setClean({ for: 'gallery:2|robust@0', error: 'weights.bin: 404' });
    expect(state().clean).toEqual({ for: 'gallery:2|robust@0', error: 'weights.bin: 404' });
  });

  it('toPrediction copies the probabilities into a plain array and names the most likely class', () => {
    const probs = new Float32Array([0.05, 0.1, 0.6, 0.25]);
    const p = toPrediction(probs);
    expect(p.pred).toBe(2);
    expect(Array.isArray(p.probs)).toBe(true);
    expect(p.probs).toEqual(Array.from(probs));
    // A tie goes to the first class.
    expect(toPrediction([0.4, 0.2, 0.4]).pred).toBe(0);
  });
});
