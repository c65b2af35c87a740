import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { DEFAULT_VIEW, isHidden } from '../../src/state/uiSlice.ts';

const state = () => useAppStore.getState();

describe('uiSlice', () => {
  beforeEach(resetAppStore);

  it('starts with the default view and no notice', () => {
    expect(state().view).toEqual(DEFAULT_VIEW);
    expect(state().notice).toBeNull();
  });

  it('setView changes what it is given and keeps the rest', () => {
    state().setView({ hidden: ['gallery', 'controls'] });
    state().setView({ colormap: 'diverging' });
    expect(state().view).toEqual({ ...DEFAULT_VIEW, hidden: ['gallery', 'controls'], colormap: 'diverging' });
    // The defaults themselves are untouched.
    expect(DEFAULT_VIEW.colormap).toBe('amplified');
    expect(DEFAULT_VIEW.hidden).toEqual([]);
  });

  it('isHidden tells the hidden parts from the shown ones', () => {
    state().setView({ hidden: ['perturbation'] });
    expect(isHidden(state(), 'perturbation')).toBe(true);
    expect(isHidden(state(), 'gallery')).toBe(false);
  });

  it('shows a notice until it is cleared', () => {
    state().setNotice('Ignored the URL key "eps": not a number');
    expect(state().notice).toBe('Ignored the URL key "eps": not a number');
    state().setNotice(null);
    expect(state().notice).toBeNull();
  });
});
