// Runs a lesson step's state as the lab runs it (the same attack code, seed and models, on the gallery image the
// step names), for the tests that check what a shipped lesson claims.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runAttack, type AttackConfig, type ModelFn } from '../../../src/attacks/index.ts';
import { ATTACK_DEFAULTS } from '../../../src/attacks/catalog.ts';
import { CLASS_NAMES } from '../../../src/data/cifar10.ts';
import { imagesFromBytes } from '../../../src/data/bytesToTensor.ts';
import { parseLesson, type Lesson } from '../../../src/lessons/format.ts';
import { decodeHashReport, type SharedState } from '../../../src/state/urlSchema.ts';
import { cifarSplit } from '../../../node/cifarData.ts';
import { ROOT } from '../../../node/paths.ts';
import { loadModelDir } from '../../../node/modelDir.ts';
import { useBackend } from '../../../node/tfBackend.ts';

export const readLesson = (path: string): Lesson => {
  const parsed = parseLesson(readFileSync(join(ROOT, 'public', path), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.lesson;
};
const gallery = () => JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'manifest.json'), 'utf8')).subsets.gallery as { sourceIndex: number[] };
export const card = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'models', name, 'card.json'), 'utf8')) as {
    training: { method: string };
    evaluation: { clean: { accuracy: number }; pgd20: { accuracy: number } };
  };
/** A model card's figure as a lesson writes it: 0.905 -> "90.5%", 0 -> "0%". */
export const percent = (a: number) => `${Number((a * 100).toFixed(1))}%`;
export const classOf = (name: string) => CLASS_NAMES.indexOf(name as (typeof CLASS_NAMES)[number]);

/** What the lab shows for a state: the clean prediction and the attack's result, as the page computes them. */
export interface LabRun {
  state: SharedState;
  label: number;
  cleanPred: number;
  cleanProbs: number[];
  advPred: number;
  norms: { l0: number; l2: number; linf: number };
  /** |adversarial - clean| per channel. */
  change: Float32Array;
  /** adversarial - clean per channel, NHWC. */
  delta: Float32Array;
  /** Steps taken (queries, for Square). */
  steps: number;
  /** Each shipped model's prediction of the adversarial image, by name. */
  transfer: Record<string, number>;
}

/** Runs a state as the lab does: the gallery image's true label is the reference, PGD's random start is seeded 0. */
export async function runLabState(models: Record<string, ModelFn>, hash: string, override: Partial<AttackConfig> = {}): Promise<LabRun> {
  const { state, problems } = decodeHashReport(hash);
  expect(problems).toEqual([]);
  expect(gallery().sourceIndex).toContain(state.image);
  const data = await cifarSplit('test');
  const before = tf.memory().numTensors;
  const x = imagesFromBytes(data.images.subarray(state.image! * 3072, (state.image! + 1) * 3072), 1);
  const label = data.labels[state.image!]!;
  const model = models[state.model ?? 'standard']!;
  // BPDA: the defended model's straight-through twin (the same logits) is what the attack differentiates.
  const attacked = state.bpda ? models[`${state.model}:bpda`]! : model;
  const config = { ...(state.config ?? ATTACK_DEFAULTS.fgsm), ...override } as AttackConfig;
  const target = state.target ?? null;
  try {
    const probs = tf.tidy(() => tf.softmax(model(x)));
    const cleanProbs = Array.from(await probs.data());
    probs.dispose();
    const r = await runAttack(attacked, x, [label], config, { seed: 0, ...(target !== null ? { target: [target] } : {}) });
    const diff = tf.sub(r.adversarial, x);
    const delta = (await diff.data()) as Float32Array;
    diff.dispose();
    const change = delta.map(Math.abs);
    // What every other shipped model says of the adversarial image (the transfer panel).
    const transfer: Record<string, number> = {};
    for (const [name, f] of Object.entries(models)) {
      if (name.includes(':')) continue;
      const pred = tf.tidy(() => tf.argMax(f(r.adversarial), 1));
      transfer[name] = (await pred.data())[0]!;
      pred.dispose();
    }
    r.adversarial.dispose();
    return {
      state,
      label,
      cleanPred: cleanProbs.indexOf(Math.max(...cleanProbs)),
      cleanProbs,
      advPred: r.advPred[0]!,
      norms: r.norms[0]!,
      change,
      delta,
      steps: r.steps[0]!,
      transfer,
    };
  } finally {
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
}

export const epsOf = (r: LabRun) => (r.state.config as { eps: number }).eps;

/**
 * How alike each channel of a 32x32 change is to its neighbour one pixel right ('across') or one pixel down
 * ('down'): near 0 for speckled noise, high for strokes that run that way.
 */
export function neighbourCorrelation(delta: Float32Array, direction: 'across' | 'down'): number {
  const mean = delta.reduce((a, b) => a + b, 0) / delta.length;
  const at = (y: number, x: number, c: number) => delta[(y * 32 + x) * 3 + c]! - mean;
  let together = 0;
  let alone = 0;
  for (let y = 0; y < 32; y++)
    for (let x = 0; x < 32; x++)
      for (let c = 0; c < 3; c++) {
        alone += at(y, x, c) ** 2;
        if (direction === 'across' && x < 31) together += at(y, x, c) * at(y, x + 1, c);
        if (direction === 'down' && y < 31) together += at(y, x, c) * at(y + 1, x, c);
      }
  return together / alone;
}

/** Loads the shipped models on WASM before the suite's tests and disposes them after: the models a lab run uses (a
 * defended one also as `name:bpda`, its straight-through twin). */
export function useShippedModels(): Record<string, ModelFn> {
  const models: Record<string, ModelFn> = {};
  const layers: tf.LayersModel[] = [];
  beforeAll(async () => {
    await useBackend('wasm');
    for (const name of ['standard', 'robust', 'defended']) {
      const loaded = await loadModelDir(name);
      layers.push(loaded.model);
      models[name] = loaded.modelFn;
      if (loaded.straightThroughFn) models[`${name}:bpda`] = loaded.straightThroughFn;
    }
  });
  afterAll(() => layers.forEach((l) => l.dispose()));
  return models;
}
