// A measurement of the chosen models on held-out images (the robustness curve, the reliable figure, the corruption
// sweep, and the next one): one state shape and one slice factory. A measurement adds only its result type.
import type { StateCreator } from 'zustand';

/** Where a job stands; a readout that cannot be idle or cancelled narrows it (Exclude<JobStatus, 'idle'>). */
export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface MeasurementState<R> {
  status: JobStatus;
  /** Fraction of the job done, in [0,1]. */
  progress: number;
  /** performance.now() when the running job started, for the time estimate. */
  startedAt?: number;
  /** What runs now, said for people ('PGD-20', a stage), when the measurement says. */
  running?: string;
  /** Held-out images measured on. */
  n: number;
  /** Why the job stopped, said for people (status 'failed'). */
  message?: string;
  /** What the measurement found so far (a cancelled job keeps it). */
  result: R;
}

export const idleMeasurement = <R>(result: R): MeasurementState<R> => ({ status: 'idle', progress: 0, n: 0, result });

/** Each measurement's state by name, for a table of results by name (name -> result type). */
export type MeasurementStates<M> = { [K in keyof M]: MeasurementState<M[K]> };

export interface MeasurementSlice<M> {
  measurements: MeasurementStates<M>;
  /** Merges a patch into one measurement's state (a `result` in the patch replaces the result). */
  setMeasurement: <K extends keyof M>(name: K, patch: Partial<MeasurementState<M[K]>>) => void;
}

/** The slice of a table of measurements, each idle with its initial result. */
export function createMeasurementSlice<M extends object>(results: M): StateCreator<MeasurementSlice<M>, [], [], MeasurementSlice<M>> {
  const idle = Object.fromEntries(Object.entries(results).map(([name, result]) => [name, idleMeasurement(result)])) as MeasurementStates<M>;
  return (set, get) => ({
    measurements: idle,
    setMeasurement: (name, patch) => set({ measurements: { ...get().measurements, [name]: { ...get().measurements[name], ...patch } } }),
  });
}
