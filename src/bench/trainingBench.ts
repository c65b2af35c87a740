// What one adversarial-training step costs per method, for both benchmarks (Node: scripts/bench/training.ts,
// browser: bench.html). The reference is the passes a method cannot avoid: its attack's input gradients (on the
// BatchNorm-folded model, as trainStep attacks) plus its weight gradients (training mode; TRADES back-propagates
// through a clean and an adversarial forward pass, so two). Overhead 1.0: the step costs nothing beyond them.
import * as tf from '@tensorflow/tfjs';
import {
  TRAINING_METHODS,
  TRAINING_METHOD_KINDS,
  createOptimizer,
  methodDefaults,
  passesPerStep,
  trainStep,
  trainingFn,
  withInferenceFn,
  type AnyMethod,
  type MethodTable,
  type StepCarry,
  type StepTable,
} from '../training/index.ts';
import { gradientTimes, median, textTable, timeRuns } from './measure.ts';

export interface TrainingBenchRow {
  /** The method's kind. */
  method: string;
  /** What the method ran with (steps for PGD-AT and TRADES). */
  detail: string;
  batch: number;
  imagesPerSecond: number;
  msPerStep: number;
  /** Input-gradient passes of the attack per step (whole batch). */
  attackPasses: number;
  /** Weight-gradient passes per step. */
  weightPasses: number;
  inputGradientMs: number;
  weightGradientMs: number;
  overhead: number;
}

/**
 * ms of each of `runs` forward+backward passes to the weights in training mode, read back. No weight update, but
 * training mode moves BatchNorm's moving averages (of the copy benchTraining is given).
 */
async function weightGradientTimes(model: tf.LayersModel, x: tf.Tensor4D, labels: number[], runs: number): Promise<number[]> {
  const f = trainingFn(model);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const times = await timeRuns(runs, () =>
    Object.values(tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, f(x)) as tf.Scalar, variables).grads),
  );
  y.dispose();
  return times;
}

export interface TrainingBenchOptions {
  /** Timed steps per method. */
  steps: number;
  onRow?: (r: TrainingBenchRow) => void;
  /** The methods to time: every registered method at its defaults (eps 8/255) unless given. */
  methods?: AnyMethod[];
  /** Where those methods are described and their steps defined: the app's registries unless given. */
  table?: MethodTable;
  stepTable?: StepTable;
}

/**
 * Times `steps` training steps (after one warm-up step) of each method on one batch. The model's weights change:
 * give it a copy. Method parameters: the literature defaults at eps 8/255 (PGD-AT 7 steps, TRADES 10).
 */
export async function benchTraining(
  model: tf.LayersModel,
  x: tf.Tensor4D,
  labels: number[],
  options: TrainingBenchOptions,
): Promise<TrainingBenchRow[]> {
  const batch = x.shape[0];
  const rows: TrainingBenchRow[] = [];
  const methods = options.methods ?? TRAINING_METHOD_KINDS.map((k): AnyMethod => methodDefaults(k));
  for (const method of methods) {
    const optimizer = createOptimizer('sgd', 0.001);
    const carry: StepCarry = { delta: null }; // Free-AT's perturbation, replayed from step to step as in the page
    try {
      const step = (seed: number) =>
        trainStep(model, optimizer.optimizer, { x, labels }, method, {
          weightDecay: 5e-4,
          seed,
          carry,
          steps: options.stepTable,
          methods: options.table,
        });
      await step(0); // warm-up: first uses of ops and shapes
      const times: number[] = [];
      for (let s = 1; s <= options.steps; s++) {
        const t0 = performance.now();
        await step(s);
        times.push(performance.now() - t0);
      }
      const [, ...inputTimes] = await withInferenceFn(model, (f) => gradientTimes(f, x, labels, 3));
      const [, ...weightTimes] = await weightGradientTimes(model, x, labels, 3);
      const ms = median(times);
      const { attack, weights } = passesPerStep(method, options.table ?? TRAINING_METHODS);
      const inputMs = median(inputTimes);
      const weightMs = median(weightTimes);
      const row: TrainingBenchRow = {
        method: method.kind,
        detail: 'steps' in method ? `${String(method.steps)} steps` : '',
        batch,
        imagesPerSecond: (1000 * batch) / ms,
        msPerStep: ms,
        attackPasses: attack,
        weightPasses: weights,
        inputGradientMs: inputMs,
        weightGradientMs: weightMs,
        overhead: ms / (attack * inputMs + weights * weightMs),
      };
      rows.push(row);
      options.onRow?.(row);
    } finally {
      optimizer.dispose();
      carry.delta?.dispose();
    }
  }
  return rows;
}

/** The rows as a text table. */
export function trainingTable(rows: TrainingBenchRow[]): string {
  const header = ['method', 'batch', 'images/s', 'ms/step', 'input-grad passes', 'weight-grad passes', 'input-grad ms', 'weight-grad ms', 'overhead'];
  const cells = rows.map((r) => [
    `${r.method}${r.detail ? ` (${r.detail})` : ''}`,
    String(r.batch),
    r.imagesPerSecond.toFixed(1),
    r.msPerStep.toFixed(0),
    String(r.attackPasses),
    String(r.weightPasses),
    r.inputGradientMs.toFixed(1),
    r.weightGradientMs.toFixed(1),
    r.overhead.toFixed(2),
  ]);
  return textTable(header, cells);
}
