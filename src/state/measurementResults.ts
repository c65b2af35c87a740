// What the page's measurements find, as plain data: one result type each, and the table the store is made from.
// The runtime (runtime/measure) writes them as they are measured; the panels draw them.
import type { CurveAttack } from '../evaluation/catalog.ts';
import { createMeasurementSlice, type MeasurementSlice } from './measurement.ts';

export interface CurveSeries {
  modelId: string;
  modelName: string;
  attack: CurveAttack;
  points: { eps: number; accuracy: number }[];
}

/** The robustness curve: accuracy against epsilon, one series per model and attack. */
export interface CurveResult {
  /** The curves shown: the previous job's until the running one measures its first. */
  series: CurveSeries[];
  /** Whether `series` belongs to the running (or last) job rather than to the one before it. */
  seriesIsNew: boolean;
}

/** One row of the reliable figure's table. */
export interface FigureRowState {
  /** 'clean', 'PGD-20', or a stage's label. */
  label: string;
  accuracy: number;
  /** Images this attack ran on (those still standing). */
  attacked: number;
  seconds: number;
}

/** The reliable figure: the worst case per image over APGD-CE, APGD-T and Square, beside PGD-20, for one model. */
export interface ReliableFigureResult {
  modelId?: string;
  modelName?: string;
  /** L-infinity, in [0,1]. */
  eps: number;
  /** The stages in order, with their budgets in words. */
  stages: { label: string; budget: string }[];
  /** The rows measured so far, in order. */
  rows: FigureRowState[];
}

export interface CorruptionSeries {
  modelId: string;
  modelName: string;
  clean: number;
  /** By corruption id: accuracy at severities 1..5. */
  accuracy: Record<string, number[]>;
}

/** One corruption the sweep measured: a chart. */
export interface CorruptionKind {
  id: string;
  label: string;
}

/** The corruption sweep: accuracy per corruption and severity, one series per model. */
export interface CorruptionResult {
  /** The corruptions of the sweep, in order (the views draw these, without the image code). */
  kinds: CorruptionKind[];
  series: CorruptionSeries[];
}

const before = <R>(result: R): R => result;

/** The page's measurements by name, with the result each shows before its first run. */
export const MEASUREMENT_RESULTS = {
  curve: before<CurveResult>({ series: [], seriesIsNew: false }),
  reliable: before<ReliableFigureResult>({ eps: 8 / 255, stages: [], rows: [] }),
  corruptions: before<CorruptionResult>({ kinds: [], series: [] }),
};
export type MeasurementResults = typeof MEASUREMENT_RESULTS;
export type MeasurementName = keyof MeasurementResults;

export type MeasurementsSlice = MeasurementSlice<MeasurementResults>;
export const createMeasurementsSlice = createMeasurementSlice(MEASUREMENT_RESULTS);
