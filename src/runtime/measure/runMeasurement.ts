// One way to run a measurement of the chosen models on held-out images: the job (latest wins, its own key, Cancel),
// the images (loaded and disposed), the models (loaded, named as the picker names them), the writes (only while
// the run is current) and the status (running, done, cancelled, failed). A measurement brings its work and its
// result's start.
import type * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../../attacks/index.ts';
import type { MeasurementState } from '../../state/measurement.ts';
import type { MeasurementName, MeasurementResults } from '../../state/measurementResults.ts';
import { useAppStore } from '../../state/store.ts';
import { getModel } from '../models/index.ts';
import type { LatestOnly } from '../jobs/index.ts';
import { evalImages } from './heldOutImages.ts';

/** Where a measurement's state lives: read it, merge a patch into it. */
export interface MeasurementSlot<R> {
  read(): MeasurementState<R>;
  write(patch: Partial<MeasurementState<R>>): void;
}

/** One of the page's measurements in the store. */
export const pageSlot = <K extends MeasurementName>(name: K): MeasurementSlot<MeasurementResults[K]> => ({
  read: () => useAppStore.getState().measurements[name],
  write: (patch) => useAppStore.getState().setMeasurement(name, patch),
});

export interface NamedModel {
  id: string;
  name: string;
}

/** One run of a measurement, as its work sees it. */
export interface MeasurementRun<R> {
  signal: AbortSignal;
  /** The held-out images (the room disposes them). */
  images: { x: tf.Tensor4D; labels: number[] };
  /** The chosen models in order, loaded. */
  models: (NamedModel & { model: ModelFn })[];
  /** The result on screen now. */
  result(): R;
  /** Merges into the result on screen. */
  show(patch: Partial<R>): void;
  /** The fraction of the job done, and what runs now when the measurement says. */
  progress(fraction: number, running?: string): void;
}

export interface Measurement<R> {
  slot: MeasurementSlot<R>;
  /** Its job: starting a run cancels the one before it; only a newer run or Cancel stops one. */
  job: LatestOnly;
  /** The result shown as a run starts, from the one before it and the chosen models. */
  start: (previous: R, models: readonly NamedModel[]) => R;
  /** What runs first, said for people, when the measurement says what runs. */
  firstStep?: string;
  /** Put before a failure's message: "The sweep stopped". */
  failure: string;
  work: (run: MeasurementRun<R>) => Promise<void>;
}

/** Measures `modelIds` (those the picker still has) on the first `images` held-out images. */
export async function runMeasurement<R>(m: Measurement<R>, modelIds: readonly string[], images: number): Promise<void> {
  const { slot } = m;
  // A measurement is not tied to the lab's settings: the newest run wins, whatever is on screen.
  await m.job.run({
    work: async ({ signal, current }) => {
      const known = useAppStore.getState().models;
      const named = modelIds.map((id) => ({ id, name: known.find((k) => k.id === id)?.name ?? id }));
      const write = (patch: Partial<MeasurementState<R>>) => current() && slot.write(patch);
      write({
        status: 'running',
        progress: 0,
        startedAt: performance.now(),
        running: m.firstStep,
        n: 0,
        message: undefined,
        result: m.start(slot.read().result, named),
      });
      const held = await evalImages(images);
      try {
        write({ n: held.labels.length });
        const models = [];
        for (const model of named) models.push({ ...model, model: (await getModel(model.id)).modelFn });
        await m.work({
          signal,
          images: held,
          models,
          result: () => slot.read().result,
          show: (patch) => write({ result: { ...slot.read().result, ...patch } }),
          progress: (progress, running) => write({ progress, ...(running === undefined ? {} : { running }) }),
        });
      } finally {
        held.x.dispose();
      }
    },
    done: () => slot.write({ status: 'done', progress: 1, running: undefined }),
    cancelled: () => slot.write({ status: 'cancelled', running: undefined }),
    failed: (message) => slot.write({ status: 'failed', running: undefined, message: `${m.failure}: ${message}` }),
  });
}
