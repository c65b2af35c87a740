import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { activeRows, gatherRows, mergeRows } from '../../src/attacks/activeRows.ts';
import { useBackend } from '../../node/tfBackend.ts';

beforeAll(() => useBackend('cpu'));

const flags = [false, true, false, true, true, false];

test('exact rows: the active images, and each image maps back to its row or to itself', () => {
  const r = activeRows(flags, false);
  expect(r.active).toEqual([1, 3, 4]);
  expect(r.rows).toEqual([1, 3, 4]);
  expect(r.back).toEqual([0, 6, 2, 7, 8, 5]);
});

test('padded rows: a power of two, filled with the first active image, never read back', () => {
  const r = activeRows(flags, true);
  expect(r.rows).toEqual([1, 3, 4, 1]);
  expect(r.back).toEqual([0, 6, 2, 7, 8, 5]);
  expect(activeRows([true, true, true], true).rows).toEqual([0, 1, 2]); // never more rows than images
  expect(() => activeRows([false, false])).toThrow(RangeError);
});

test('gather then merge puts computed rows back in place and leaves the others', async () => {
  const batch = tf.tensor2d([[0], [10], [20], [30], [40], [50]]);
  const r = activeRows(flags, true);
  const computed = tf.tidy(() => tf.add(gatherRows(batch, r.rows), 1));
  const merged = mergeRows(batch, computed, r.back);
  expect(Array.from(await merged.data())).toEqual([0, 11, 20, 31, 41, 50]);
  tf.dispose([batch, computed, merged]);
});
