// One measurement state for every measurement: the page's table starts idle with each result's start, a patch
// merges into one measurement alone, and the factory makes the same slice for any table (a store of its own here).
import { beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createMeasurementSlice, idleMeasurement } from '../../src/state/measurement.ts';
import { MEASUREMENT_RESULTS, type CurveSeries } from '../../src/state/measurementResults.ts';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';

const state = () => useAppStore.getState();

describe('the measurement slice', () => {
  beforeEach(resetAppStore);

  it('starts every page measurement idle, with no images and its result before a first run', () => {
    expect(Object.keys(state().measurements).sort()).toEqual(['corruptions', 'curve', 'reliable']);
    expect(state().measurements.curve).toEqual({ status: 'idle', progress: 0, n: 0, result: { series: [], seriesIsNew: false } });
    expect(state().measurements.reliable).toEqual(idleMeasurement(MEASUREMENT_RESULTS.reliable));
    expect(state().measurements.corruptions.result).toEqual({ kinds: [], series: [] });
  });

  it('setMeasurement merges its patch into one measurement, keeping what was measured so far', () => {
    const series: CurveSeries[] = [{ modelId: 'standard', modelName: 'Standard CNN', attack: 'pgd', points: [{ eps: 0, accuracy: 0.9 }] }];
    state().setMeasurement('curve', { status: 'running', progress: 0.2, result: { series, seriesIsNew: true } });
    state().setMeasurement('curve', { status: 'cancelled', message: 'Cancelled' });
    expect(state().measurements.curve).toEqual({
      status: 'cancelled',
      progress: 0.2,
      n: 0,
      message: 'Cancelled',
      result: { series, seriesIsNew: true },
    });
    expect(state().measurements.reliable.status).toBe('idle');
    expect(state().measurements.corruptions.status).toBe('idle');
  });

  it('the factory makes the same slice for any table of results', () => {
    const store = create(createMeasurementSlice({ toy: { values: [] as number[] }, other: { label: 'x' } }));
    store.getState().setMeasurement('toy', { n: 3, result: { values: [1, 2] } });
    expect(store.getState().measurements).toEqual({
      toy: { status: 'idle', progress: 0, n: 3, result: { values: [1, 2] } },
      other: idleMeasurement({ label: 'x' }),
    });
  });
});
