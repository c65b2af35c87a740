// The reliable figure: per image, the worst case over AutoAttack's standard order (Croce and Hein 2020)
// at a budget a browser can afford. APGD-CE attacks every correctly classified image; APGD-T (the targeted DLR, aimed
// at the top other classes in turn) attacks what APGD-CE left; Square (gradient-free: it sees only the model's
// answers, so masked gradients cannot hide it) attacks what both left. An image counts as robust only if all three
// failed. PGD-20 on the same images is measured beside it, so the reader sees how much PGD alone overstates.
import * as tf from '@tensorflow/tfjs';
import { APGD_T_CLASSES, defaultsFor, pgdEvaluation, type AttackConfig, type ModelFn } from '../attacks/index.ts';
import { evaluate } from './evaluate.ts';
import { withInferenceFn, type Classifier } from '../model/modelFns.ts';

export interface ReliableStage {
  /** Short name, as AutoAttack's papers write it. */
  label: string;
  config: AttackConfig;
  /** Its budget, in words. */
  budget: string;
  /** Its rough share of the job's time, for progress (an estimate: how many images reach it is not known). */
  weight: number;
}

/** AutoAttack's standard order (without FAB-T) at L-infinity eps, with browser-sized budgets. */
export function reliableStages(eps: number): ReliableStage[] {
  const ce = { ...defaultsFor('apgd', 'linf'), eps, loss: 'ce' as const };
  const t = { ...defaultsFor('apgd', 'linf'), eps, loss: 'dlr-t' as const };
  const square = { ...defaultsFor('square', 'linf'), eps };
  return [
    { label: 'APGD-CE', config: ce, budget: `${ce.steps} steps`, weight: 0.3 },
    { label: 'APGD-T', config: t, budget: `${t.steps} steps at each of the top ${APGD_T_CLASSES} other classes`, weight: 0.35 },
    { label: 'Square', config: square, budget: `${square.queries.toLocaleString('en-US')} queries`, weight: 0.3 },
  ];
}

/** The PGD figure it stands beside, as the model cards measure it: PGD-20 from a random start, step eps / 4 (2/255 at 8/255). */
export const comparisonPgd = (eps: number) => pgdEvaluation(eps, { steps: 20, stepSize: eps / 4 });

export interface ReliableOptions {
  /** L-infinity budget (default 8/255). */
  eps?: number;
  /** Images per attack call (default 50). */
  batchSize?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Fraction of the whole job done (estimated from the stages' weights) and what runs now. */
  onProgress?: (p: { fraction: number; running: string }) => void;
  /** Each row (clean, PGD-20, a stage) as soon as it is measured, so a cancelled job keeps what it finished. */
  onRow?: (row: FigureRow) => void;
}

export interface FigureRow {
  /** 'clean', 'PGD-20', or a stage's label. */
  label: string;
  /** Accuracy on all n images: clean, under PGD-20 alone, or after this stage and those before it. */
  accuracy: number;
  /** How many images this attack was run on (those still standing). */
  attacked: number;
  seconds: number;
}

export interface ReliableFigure {
  n: number;
  eps: number;
  clean: number;
  pgd20: number;
  /** After each stage, cumulatively: the last is the reliable figure. */
  stages: FigureRow[];
  accuracy: number;
  /** Per image: still correct after every stage. */
  correct: boolean[];
  seconds: number;
}

/** The share of the job the clean pass and PGD-20 take, before the stages' weights. */
const CLEAN_WEIGHT = 0.01;
const PGD_WEIGHT = 0.04;

/** The worst case per image over the stages, with PGD-20 alone on the same images. x is the caller's. */
export function reliableFigure(model: Classifier, x: tf.Tensor4D, labels: readonly number[], options: ReliableOptions = {}): Promise<ReliableFigure> {
  return withInferenceFn(model, (f) => measure(f, x, labels, options));
}

async function measure(f: ModelFn, x: tf.Tensor4D, labels: readonly number[], options: ReliableOptions): Promise<ReliableFigure> {
  const { eps = 8 / 255, batchSize = 50, seed = 0, signal } = options;
  const n = x.shape[0];
  const started = performance.now();
  const stages = reliableStages(eps);
  let done = 0;
  const report = (running: string, weight: number) => (fraction: number) =>
    options.onProgress?.({ fraction: Math.min(1, done + weight * fraction), running });
  const timed = async <T>(body: () => Promise<T>) => {
    const t0 = performance.now();
    const value = await body();
    return { value, seconds: (performance.now() - t0) / 1000 };
  };
  const share = (correct: boolean[]) => (n === 0 ? 0 : correct.filter(Boolean).length / n);
  const figure = (label: string, accuracy: number, attacked: number, seconds: number): FigureRow => {
    const fig = { label, accuracy, attacked, seconds };
    options.onRow?.(fig);
    return fig;
  };

  const clean = await timed(() => evaluate(f, x, labels, { batchSize, signal, onProgress: report('clean', CLEAN_WEIGHT) }));
  done += CLEAN_WEIGHT;
  figure('clean', clean.value.accuracy, n, clean.seconds);
  const pgd = await timed(() =>
    evaluate(f, x, labels, { attack: comparisonPgd(eps), batchSize, seed, signal, onProgress: report('PGD-20', PGD_WEIGHT) }),
  );
  done += PGD_WEIGHT;
  figure('PGD-20', pgd.value.accuracy, n, pgd.seconds);

  const correct = [...clean.value.correct];
  const figures: FigureRow[] = [];
  const totalWeight = stages.reduce((s, st) => s + st.weight, 0);
  const weight = (i: number) => (stages[i]!.weight / totalWeight) * (1 - CLEAN_WEIGHT - PGD_WEIGHT);
  await worstCase(f, x, labels, correct, stages, {
    batchSize,
    seed,
    signal,
    onProgress: (i, fraction) => report(stages[i]!.label, weight(i))(fraction),
    onStage: (i, attacked, seconds) => {
      done += weight(i);
      figures.push(figure(stages[i]!.label, share(correct), attacked, seconds));
    },
  });
  return {
    n,
    eps,
    clean: clean.value.accuracy,
    pgd20: pgd.value.accuracy,
    stages: figures,
    accuracy: share(correct),
    correct,
    seconds: (performance.now() - started) / 1000,
  };
}

export interface WorstCaseOptions {
  batchSize: number;
  seed: number;
  signal?: AbortSignal;
  /** Within stage i: the fraction of its images done. */
  onProgress?: (stage: number, fraction: number) => void;
  /** Stage i is done: how many images it attacked, and its seconds (`correct` already updated). */
  onStage?: (stage: number, attacked: number, seconds: number) => void;
}

/**
 * Runs the stages in order, each on the images still marked correct (what the stages before it left): an image a
 * stage fools is marked false in `correct`, which is updated in place. x is the caller's.
 */
export async function worstCase(
  f: ModelFn,
  x: tf.Tensor4D,
  labels: readonly number[],
  correct: boolean[],
  stages: readonly ReliableStage[],
  options: WorstCaseOptions,
): Promise<void> {
  const { batchSize, seed, signal } = options;
  for (const [i, stage] of stages.entries()) {
    const t0 = performance.now();
    const standing = correct.flatMap((c, j) => (c ? [j] : []));
    if (standing.length) {
      const xs = tf.tidy(() => tf.gather(x, standing));
      try {
        const r = await evaluate(
          f,
          xs,
          standing.map((j) => labels[j]!),
          {
            attack: stage.config,
            batchSize,
            seed: seed + 1_000_003 * (i + 1),
            signal,
            onProgress: (fraction) => options.onProgress?.(i, fraction),
          },
        );
        r.correct.forEach((still, k) => (correct[standing[k]!] = still));
      } finally {
        xs.dispose();
      }
    }
    options.onStage?.(i, standing.length, (performance.now() - t0) / 1000);
  }
}
