// A fourth measurement written as a new one would be: a core function, a result type and a panel body (the lines
// between the two marks). The runtime room runs it on the page's runtime (the real store's models and model
// registry, held-out images, guarded writes, status), finished, cancelled, failed and superseded; then the page's
// own corruption sweep runs the same way into the real store.
import * as tf from '@tensorflow/tfjs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { ModelFn } from '../../../src/attacks/index.ts';
import { evaluate } from '../../../src/evaluation/index.ts';
import { runCorruptionSweep, runMeasurement, type Measurement } from '../../../src/runtime/measure/index.ts';
import { forgetModels, registerLoadedModel } from '../../../src/runtime/models/index.ts';
import { latestOnly, type LatestOnly } from '../../../src/runtime/jobs/index.ts';
import { createMeasurementSlice, type MeasurementState } from '../../../src/state/measurement.ts';
import { useAppStore } from '../../../src/state/store.ts';
import { CORRUPTIONS } from '../../../src/data/corruptions.ts';
import { MeasurementControls } from '../../../src/components/measure/MeasurementControls.tsx';
import { ROBUST_MODEL_ID, STANDARD_MODEL_ID } from '../../../src/model/shipped.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { resetStore, tinyCifarModel, until } from '../helpers.ts';

// Node has no page to fetch the held-out sprite from: the first n of a fixed random set stand in for it.
vi.mock('../../../src/runtime/measure/heldOutImages.ts', async () => {
  const tfjs = await import('@tensorflow/tfjs');
  const evalImages = async (n: number) => ({
    x: tfjs.randomUniform([n, 32, 32, 3], 0, 1, 'float32', 11) as tf.Tensor4D,
    labels: Array.from({ length: n }, (_, i) => i % 10),
  });
  return { evalImages, evalBytes: async () => ({ bytes: new Uint8Array(0), labels: [] }) };
});

// ---- The fourth measurement: from here ----
/** Core function: the share of the images the model classifies as labelled, a chunk at a time (cancellable). */
const agreement = async (model: ModelFn, x: tf.Tensor4D, labels: number[], signal: AbortSignal, onProgress: (f: number) => void) =>
  (await evaluate(model, x, labels, { batchSize: 2, signal, onProgress })).accuracy;

/** Result type: one figure per model. */
interface AgreementResult {
  figures: { modelId: string; modelName: string; accuracy: number }[];
}

/** Its Measurement: the start, the work and the failure line (the store slot and job a page would name). */
const agreementMeasurement = (slot: Measurement<AgreementResult>['slot'], job: LatestOnly): Measurement<AgreementResult> => ({
  slot,
  job,
  start: () => ({ figures: [] }),
  failure: 'The agreement stopped',
  work: async ({ signal, images, models, result, show, progress }) => {
    for (const [i, m] of models.entries()) {
      const accuracy = await agreement(m.model, images.x, images.labels, signal, (f) => progress((i + f) / models.length, m.name));
      show({ figures: [...result().figures, { modelId: m.id, modelName: m.name, accuracy }] });
    }
  },
});

/** Panel body: the shared controls, then one line per model. */
function AgreementPanel({
  state,
  start,
  cancel,
}: {
  state: MeasurementState<AgreementResult>;
  start: (ids: string[], n: number) => void;
  cancel: () => void;
}) {
  const controls = createElement(MeasurementControls, {
    state,
    models: 'many',
    imageCounts: [6, 12],
    labels: { images: 'Images to agree on', progress: 'Agreement progress' },
    start: 'Measure agreement',
    onStart: start,
    onCancel: cancel,
    cancelled: 'Cancelled: the models measured before are shown.',
    testId: 'agreement',
  });
  const lines = state.result.figures.map((f) => createElement('li', { key: f.modelId }, `${f.modelName}: ${(100 * f.accuracy).toFixed(0)}%`));
  return createElement('section', { 'aria-label': 'Agreement' }, controls, createElement('ul', null, lines));
}
// ---- to here ----

/** The fourth measurement's slot: a store made by the same slice factory as the page's (its table has one entry). */
function toyStore() {
  const store = create(createMeasurementSlice({ agreement: { figures: [] } as AgreementResult }));
  const slot = {
    read: () => store.getState().measurements.agreement,
    write: (p: Partial<MeasurementState<AgreementResult>>) => store.getState().setMeasurement('agreement', p),
  };
  return { store, slot };
}

beforeAll(() => useBackend('wasm'));
beforeEach(() => {
  forgetModels();
  resetStore();
  registerLoadedModel(STANDARD_MODEL_ID, tinyCifarModel(7));
  registerLoadedModel(ROBUST_MODEL_ID, tinyCifarModel(8));
});
afterEach(() => forgetModels());

describe('a fourth measurement through runMeasurement', () => {
  it('finishes: each model measured on the held-out images, named as the picker names it, with no tensor left behind', async () => {
    const { slot } = toyStore();
    const job = latestOnly();
    const progress: number[] = [];
    const before = tf.memory().numTensors;
    const run = runMeasurement(
      agreementMeasurement({ ...slot, write: (p) => (p.progress !== undefined && progress.push(p.progress), slot.write(p)) }, job),
      [STANDARD_MODEL_ID, ROBUST_MODEL_ID],
      6,
    );
    expect(slot.read()).toMatchObject({ status: 'running', progress: 0, result: { figures: [] } });
    await run;
    expect(tf.memory().numTensors).toBe(before);
    const s = slot.read();
    expect(s).toMatchObject({ status: 'done', progress: 1, n: 6, running: undefined });
    expect(s.result.figures.map((f) => f.modelName)).toEqual(['Standard CNN', 'Robust CNN (adversarially trained)']);
    const x = tf.randomUniform([6, 32, 32, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
    const standard = tinyCifarModel(7);
    const direct = (await evaluate(standard, x, [0, 1, 2, 3, 4, 5])).accuracy;
    x.dispose();
    standard.dispose();
    expect(s.result.figures[0]!.accuracy).toBe(direct);
    // Progress climbs through both models to the end.
    expect(progress.slice(1).every((p, i) => p >= progress[i]!)).toBe(true);
    expect(progress).toContain(0.5);
  });

  it('is cancelled: the status says so, what was measured stays, the images are disposed; a new run then finishes', async () => {
    const { slot } = toyStore();
    const job = latestOnly();
    const before = tf.memory().numTensors;
    // The second model waits for the test, so the cancel lands between the two whatever the machine's load.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const toy = agreementMeasurement(slot, job);
    const gated: Measurement<AgreementResult> = {
      ...toy,
      work: async (r) => {
        await toy.work({ ...r, models: r.models.slice(0, 1) });
        await held;
        await toy.work({ ...r, models: r.models.slice(1) });
      },
    };
    const run = runMeasurement(gated, [STANDARD_MODEL_ID, ROBUST_MODEL_ID], 12);
    await until(() => slot.read().result.figures.length === 1);
    job.cancel();
    release();
    await run;
    expect(slot.read()).toMatchObject({ status: 'cancelled', running: undefined });
    expect(slot.read().result.figures.map((f) => f.modelId)).toEqual([STANDARD_MODEL_ID]);
    expect(tf.memory().numTensors).toBe(before);
    await runMeasurement(agreementMeasurement(slot, job), [ROBUST_MODEL_ID], 6);
    expect(slot.read()).toMatchObject({ status: 'done', n: 6 });
    expect(slot.read().result.figures.map((f) => f.modelId)).toEqual([ROBUST_MODEL_ID]);
  });

  it('a newer run supersedes the one in flight, whose writes stop', async () => {
    const { slot } = toyStore();
    const job = latestOnly();
    const first = runMeasurement(agreementMeasurement(slot, job), [STANDARD_MODEL_ID, ROBUST_MODEL_ID], 12);
    await until(() => slot.read().progress > 0);
    await Promise.all([first, runMeasurement(agreementMeasurement(slot, job), [ROBUST_MODEL_ID], 6)]);
    expect(slot.read()).toMatchObject({ status: 'done', n: 6 });
    expect(slot.read().result.figures.map((f) => f.modelId)).toEqual([ROBUST_MODEL_ID]);
  });

  it('fails with its own line and the reason', async () => {
    const { slot } = toyStore();
    await runMeasurement({ ...agreementMeasurement(slot, latestOnly()), work: () => Promise.reject(new Error('no answer')) }, [STANDARD_MODEL_ID], 6);
    expect(slot.read()).toMatchObject({ status: 'failed', message: 'The agreement stopped: no answer' });
  });

  it('its panel body shows the shared controls and its figures', () => {
    const { slot } = toyStore();
    const idle = {
      ...slot.read(),
      status: 'done' as const,
      result: { figures: [{ modelId: 'standard', modelName: 'Standard CNN', accuracy: 0.5 }] },
    };
    const html = renderToStaticMarkup(createElement(AgreementPanel, { state: idle, start: () => {}, cancel: () => {} }));
    expect(html).toContain('Measure agreement');
    expect(html).toContain('aria-label="Images to agree on"');
    expect(html).toContain('<li>Standard CNN: 50%</li>');
    const running = renderToStaticMarkup(
      createElement(AgreementPanel, {
        state: { ...idle, status: 'running', progress: 0.5, running: 'Standard CNN' },
        start: () => {},
        cancel: () => {},
      }),
    );
    expect(running).toContain('aria-label="Agreement progress"');
    expect(running).toContain('Running Standard CNN · ');
    expect(running).not.toContain('Measure agreement');
  });
});

describe("the page's measurements run the same way", () => {
  it('the corruption sweep writes each model into the real store, with the images it measured', async () => {
    await runCorruptionSweep([STANDARD_MODEL_ID], 4);
    const c = useAppStore.getState().measurements.corruptions;
    expect(c).toMatchObject({ status: 'done', progress: 1, n: 4 });
    expect(c.result.kinds.map((k) => k.id)).toEqual(CORRUPTIONS.map((k) => k.id));
    expect(c.result.series.map((s) => s.modelName)).toEqual(['Standard CNN']);
    expect(c.result.series[0]!.accuracy[CORRUPTIONS[0]!.id]).toHaveLength(5);
  });
});
