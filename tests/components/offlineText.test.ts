// The offline banner's sentence counts the shipped models from their list, not with a word written by hand.
import { expect, test } from 'vitest';
import { countWord, offlineText } from '../../src/components/common/offlineText.ts';
import { BUNDLED_MODELS } from '../../src/state/modelSlice.ts';

test('the saved copy names as many models as the page ships', () => {
  expect(BUNDLED_MODELS.length).toBe(3);
  expect(offlineText('saved')).toBe(
    'You are offline. Epsilon runs from the copy saved in this browser: the lab, the three shipped models, the lessons and training work as before.',
  );
  expect(offlineText('saved', 2)).toMatch(/the lab, the two shipped models,/);
  expect(offlineText('saved', 1)).toMatch(/the lab, the shipped model,/);
  expect(offlineText('saved', 12)).toMatch(/the lab, the 12 shipped models,/);
});

test('without a saved copy it says what cannot load; nothing while the page is still finding out', () => {
  expect(offlineText('checking')).toBeNull();
  for (const copy of ['saving', 'failed', 'none'] as const)
    expect(offlineText(copy)).toMatch(/^You are offline, and .*what has not loaded yet cannot load until the network is back\.$/);
  expect(countWord(0)).toBe('no');
});
