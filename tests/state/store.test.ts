import { describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { ATTACK_DEFAULTS } from '../../src/attacks/catalog.ts';
import { DEFAULT_TRAINING } from '../../src/state/trainingSlice.ts';
import { DEFAULT_VIEW } from '../../src/state/uiSlice.ts';

describe('the app store', () => {
  it('resetAppStore brings every slice back to its initial state, which actions never change', () => {
    const s = useAppStore.getState();
    s.setAttackKind('pgd');
    s.setParam('steps', 40);
    s.selectModel('robust');
    s.setView({ bigText: true });
    s.setTrainingSetting('batchSize', 64);
    s.setBackendFailed('no backend');
    s.setClean({ for: 'x', error: 'boom' });
    s.setBoundary({ for: 'x', status: 'running', progress: 0.5 });
    resetAppStore();
    const after = useAppStore.getState();
    expect(after.attackKind).toBe('fgsm');
    expect(after.configs.pgd).toEqual(ATTACK_DEFAULTS.pgd);
    expect(after.selectedModelId).toBe('standard');
    expect(after.view).toEqual(DEFAULT_VIEW);
    expect(after.trainingSettings).toEqual(DEFAULT_TRAINING);
    expect(after.backend).toEqual({ status: 'starting' });
    expect(after.clean).toBeNull();
    expect(after.boundary).toBeNull();
    // Every piece of data equals the initial state (the actions stay, being functions).
    const data = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function'));
    expect(data(after)).toEqual(data(useAppStore.getInitialState()));
  });
});
