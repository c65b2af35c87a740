import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import type { BoundaryReadout } from '../../src/state/insightSlice.ts';

const state = () => useAppStore.getState();

describe('insightSlice', () => {
  beforeEach(resetAppStore);

  it('starts with no boundary readout and no transfer table', () => {
    expect(state().boundary).toBeNull();
    expect(state().transfer).toBeNull();
  });

  it('a boundary readout is replaced as the measurement goes on, and can be cleared', () => {
    const running: BoundaryReadout = { for: 'gallery:1|standard@0', status: 'running', progress: 0.3, minimalEps: 2.5 / 255 };
    state().setBoundary(running);
    expect(state().boundary).toEqual(running);
    const done: BoundaryReadout = { ...running, status: 'done', progress: 1, deepfoolL2: 0.12, cwL2: 0.1 };
    state().setBoundary(done);
    expect(state().boundary).toEqual(done);
    state().setBoundary(null);
    expect(state().boundary).toBeNull();
  });

  it('holds a transfer table or its error for what it was computed for', () => {
    const rows = [
      { modelId: 'standard', name: 'Standard CNN', pred: 6, prob: 0.9, verdict: { kind: 'flipped', now: 6 } as const, fooled: true, attacked: true },
      { modelId: 'robust', name: 'Robust CNN', pred: 3, prob: 0.6, verdict: { kind: 'held', still: 3 } as const, fooled: false, attacked: false },
    ];
    state().setTransfer({ for: 'k', rows });
    expect(state().transfer).toEqual({ for: 'k', rows });
    state().setTransfer({ for: 'k2', error: 'model failed to load' });
    expect(state().transfer).toEqual({ for: 'k2', error: 'model failed to load' });
  });
});
