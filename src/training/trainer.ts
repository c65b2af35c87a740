// A training job run step by step, so a page stays live: start, pause, resume, stop (or an AbortSignal), with
// progress after every step, a held-out evaluation (clean and PGD accuracy) every few steps, and safety
// checks that stop the job and bring back the last good weights.
import type * as tf from '@tensorflow/tfjs';
import { pgdEvaluation, type AttackConfig } from '../attacks/index.ts';
import { isAbortError, seededRandom, yieldToEventLoop } from '../lib/index.ts';
import { randomFlip } from './augment.ts';
import { budgetExamples, trainingConfig, validateTrainingConfig, type TrainingConfig } from './config.ts';
import { BatchOrder, type TrainingData } from './data.ts';
import { methodEps, replaysOf } from './methods.ts';
import { createOptimizer, type ScheduledOptimizer } from './optimizer.ts';
import { collapseKind, collapseReport, nanReport } from './safety.ts';
import { attackName, evaluate, perClassAccuracy, type PerClassAccuracy } from '../evaluation/index.ts';
import type { StepCarry, StepGame } from './trainStep.ts';
import { learningRateAt } from './schedule.ts';
import { restoreWeights, snapshotWeights, type WeightSnapshot } from './snapshot.ts';
import { trainStep } from './trainStep.ts';

/** checking: the final held-out check after the last step (stop() skips it). */
export type TrainerStatus = 'idle' | 'running' | 'paused' | 'checking' | 'finished';
/** How a job ended. nan and collapse restored the last good weights. */
export type TrainingOutcome = 'completed' | 'stopped' | 'aborted' | 'nan' | 'collapse';

export interface TrainingProgress {
  step: number;
  totalSteps: number;
  examplesSeen: number;
  totalExamples: number;
  /** Passes over the training data so far. */
  epoch: number;
  loss: number;
  /** Accuracy on the batch as trained on (its adversarial images included). */
  accuracy: number;
  learningRate: number;
  /** Training throughput, evaluations excluded. */
  imagesPerSecond: number;
  /** Time spent running (pauses excluded). */
  elapsedMs: number;
  /** Estimated time left, evaluations included. */
  etaMs: number;
}

export interface TrainingEvaluation {
  step: number;
  examplesSeen: number;
  cleanAccuracy: number;
  robustAccuracy: number;
  /** Accuracy under FGSM (no random start) at the same eps: catastrophic overfitting shows as it soaring. */
  fgsmAccuracy?: number;
  bestRobustAccuracy: number;
  elapsedMs: number;
  /** Held-out images it was measured on. */
  images: number;
  /** The robust check's attack, e.g. "PGD-3". */
  attack: string;
  /** The final check after training: more images and a full PGD, with per-class figures. */
  final?: boolean;
  perClass?: PerClassAccuracy;
}

/** The game on one training batch, before its update (see trainStep's StepGame). */
export interface TrainingGame extends StepGame {
  step: number;
  examplesSeen: number;
}

export interface TrainingReport {
  outcome: TrainingOutcome;
  /** What happened, in words for the user. */
  message: string;
  /** What to change (for nan and collapse). */
  advice?: string;
  /** The step whose weights the model holds after a nan or collapse. */
  restoredStep?: number;
  steps: number;
  examplesSeen: number;
  elapsedMs: number;
  imagesPerSecond: number;
  evaluations: TrainingEvaluation[];
}

/** Clean and robust accuracy of the model now; replaces the built-in held-out evaluation. */
export type Evaluator = (
  model: tf.LayersModel,
  step: number,
  signal?: AbortSignal,
) => Promise<{ cleanAccuracy: number; robustAccuracy: number; fgsmAccuracy?: number }>;

/** Held-out images with their labels. */
export interface LabeledSet {
  x: tf.Tensor4D;
  labels: number[];
}

export interface TrainerOptions {
  /** Fixed held-out images for the periodic evaluation. */
  evalSet?: LabeledSet;
  /** Check before the first step too (default true); a page that knows its starting model's figures skips it. */
  checkAtStart?: boolean;
  /** The attack of the robust evaluation; default PGD-10 at the training eps, step eps/4, random start. */
  evalAttack?: AttackConfig;
  evaluator?: Evaluator;
  /** Held-out images for one final check after the last step (or Stop): clean and PGD-10, per class. */
  finalSet?: LabeledSet;
  /** Watch the game every this many steps (0 or absent: never), keeping `strip` adversarial images each time. */
  watch?: { every: number; strip: number };
  onProgress?: (p: TrainingProgress) => void;
  onEvaluation?: (e: TrainingEvaluation) => void;
  onStatus?: (s: TrainerStatus) => void;
  onGame?: (g: TrainingGame) => void;
  /** The final check's progress, 0 to 1. */
  onCheckProgress?: (fraction: number) => void;
  /** Aborting stops the job between steps (or inside an evaluation); start() then resolves, outcome 'aborted'. */
  signal?: AbortSignal;
}

/**
 * Training needs logits: a model ending in softmax would train on probabilities. The message says how to get a
 * model that can be trained (the lab attacks it as it is: it cuts the softmax off for the attacks).
 */
export function checkLogitsOutput(model: tf.LayersModel): void {
  const last = model.layers[model.layers.length - 1];
  const activation = (last?.getConfig() as { activation?: string } | undefined)?.activation;
  if (last?.getClassName() === 'Softmax' || activation === 'softmax') {
    throw new Error(
      'this model ends in softmax, and training needs a model whose output is logits. Remove the final softmax ' +
        '(in Keras: give the last Dense layer no activation, or drop the Softmax layer), save it for tfjs again and upload ' +
        'it; the lab attacks this one as it is.',
    );
  }
}

export class Trainer {
  readonly config: TrainingConfig;
  readonly totalSteps: number;
  private statusValue: TrainerStatus = 'idle';
  private stepValue = 0;
  private pauseRequested = false;
  private stopRequested = false;
  private wake: (() => void) | null = null;
  private readonly evaluations: TrainingEvaluation[] = [];
  private bestRobust = 0;
  private lastGood: WeightSnapshot | null = null;
  private lastGoodStep = 0;
  private readonly carry: StepCarry = { delta: null };
  private finalCheck: AbortController | null = null;
  // Time bookkeeping (ms): running time, of which steps and evaluations.
  private runningSince = 0;
  private runningMs = 0;
  private waiting = false;
  private trainMs = 0;
  private evalMs = 0;

  constructor(
    readonly model: tf.LayersModel,
    readonly data: TrainingData,
    config: Partial<TrainingConfig> = {},
    private readonly options: TrainerOptions = {},
  ) {
    this.config = trainingConfig(config);
    validateTrainingConfig(this.config);
    checkLogitsOutput(model);
    // Whole batches within the budget: it is an upper bound on the examples seen (one batch at the least).
    this.totalSteps = Math.max(1, Math.floor(budgetExamples(this.config.budget, data.size) / this.config.batchSize));
  }

  get status(): TrainerStatus {
    return this.statusValue;
  }

  /** Steps done so far. */
  get step(): number {
    return this.stepValue;
  }

  /** Takes effect between steps: the step in progress finishes first. */
  pause(): void {
    if (this.statusValue !== 'running') return;
    // The status says 'paused' once the job has parked, so nothing moves after it reads so.
    this.pauseRequested = true;
  }

  resume(): void {
    if (!this.pauseRequested) return;
    this.pauseRequested = false;
    if (this.statusValue === 'paused') this.setStatus('running');
    this.wakeUp();
  }

  /** Ends the job after the step in progress (start() resolves with outcome 'stopped'), or skips the final check. */
  stop(): void {
    this.stopRequested = true;
    this.finalCheck?.abort();
    this.wakeUp();
  }

  /** Runs the whole job once; resolves when it ends, however it ends (rejects only on unexpected errors). */
  async start(): Promise<TrainingReport> {
    if (this.statusValue !== 'idle') throw new Error('A Trainer runs one job; create another to train again');
    const { signal } = this.options;
    const onAbort = () => this.wakeUp();
    signal?.addEventListener('abort', onAbort);
    this.setStatus('running');
    this.runningSince = performance.now();
    const optimizer = createOptimizer(this.config.optimizer, this.config.learningRate, this.config.momentum);
    this.lastGood = snapshotWeights(this.model);
    try {
      const report = await this.run(optimizer);
      if (report.outcome !== 'completed' && report.outcome !== 'stopped') return report;
      const final = await this.checkFinally();
      return final ? { ...report, evaluations: [...this.evaluations] } : report;
    } catch (e) {
      if (!isAbortError(e)) throw e;
      return this.report('aborted', 'Training was cancelled.');
    } finally {
      signal?.removeEventListener('abort', onAbort);
      optimizer.dispose();
      this.lastGood?.dispose();
      this.lastGood = null;
      this.carry.delta?.dispose();
      this.carry.delta = null;
      this.setStatus('finished');
    }
  }

  private async run(optimizer: ScheduledOptimizer): Promise<TrainingReport> {
    const c = this.config;
    const random = seededRandom(c.seed);
    const order = new BatchOrder(this.data.size, c.seed);
    const schedule = {
      peak: c.learningRate,
      warmupSteps: Math.round(c.warmupFraction * this.totalSteps),
      totalSteps: this.totalSteps,
      decay: c.decay,
    };
    const evaluating = this.options.evaluator !== undefined || this.options.evalSet !== undefined;
    if (evaluating && this.options.checkAtStart !== false) {
      const failure = await this.evaluateAndCheck();
      if (failure) return failure;
    }
    const replays = replaysOf(c.method);
    const watch = this.options.watch;
    let batch: { x: tf.Tensor4D; labels: number[] } | null = null;
    let lastCheckStep = 0;
    try {
      while (this.stepValue < this.totalSteps) {
        await this.waitWhilePaused();
        if (this.options.signal?.aborted) return this.report('aborted', 'Training was cancelled.');
        if (this.stopRequested) return this.report('stopped', `Training stopped at step ${this.stepValue} of ${this.totalSteps}.`);
        const began = performance.now();
        const learningRate = learningRateAt(this.stepValue, schedule);
        optimizer.setLearningRate(learningRate);
        // Free-AT replays each batch (flipped once): a new batch every `replays` steps.
        if (!batch || this.stepValue % replays === 0) {
          const fresh = await this.data.batch(order.next(c.batchSize));
          const flipped = c.flip ? randomFlip(fresh.x, random.nextSeed()) : fresh.x;
          if (flipped !== fresh.x) fresh.x.dispose();
          batch?.x.dispose();
          batch = { x: flipped, labels: fresh.labels };
        }
        const observe = watch && watch.every > 0 && this.stepValue % watch.every === 0 ? { strip: watch.strip } : undefined;
        const result = await trainStep(this.model, optimizer.optimizer, batch, c.method, {
          weightDecay: c.weightDecay,
          seed: random.nextSeed(),
          carry: this.carry,
          ...(observe ? { observe } : {}),
        });
        this.stepValue++;
        this.trainMs += performance.now() - began;
        if (!Number.isFinite(result.loss)) {
          restoreWeights(this.model, this.lastGood!);
          const { message, advice } = nanReport(result.loss, this.stepValue, learningRate, this.lastGoodStep);
          return this.report('nan', message, advice);
        }
        this.options.onProgress?.(this.progress(result.loss, result.accuracy, learningRate));
        if (result.game) this.options.onGame?.({ ...result.game, step: this.stepValue, examplesSeen: this.examplesSeen() });
        if (evaluating && (this.stepValue === this.totalSteps || this.checkDue(this.stepValue - lastCheckStep))) {
          lastCheckStep = this.stepValue;
          const failure = await this.evaluateAndCheck();
          if (failure) return failure;
        }
        await yieldToEventLoop();
      }
    } finally {
      batch?.x.dispose();
    }
    return this.report('completed', `Training finished: ${this.stepValue} steps, ${this.examplesSeen()} images.`);
  }

  /**
   * A periodic check is due after evalEvery steps, once the checks so far plus one more stay within
   * evalTimeShare of the running time (a check costs as much as the last one did).
   */
  private checkDue(stepsSinceCheck: number): boolean {
    const c = this.config;
    if (c.evalEvery <= 0 || stepsSinceCheck < c.evalEvery) return false;
    const last = this.evaluations.length > 0 ? this.evalMs / this.evaluations.length : 0;
    return this.evalMs + last <= c.evalTimeShare * (this.trainMs + this.evalMs + last);
  }

  /** Measures, records, and either takes a new last-good snapshot or (on a collapse) restores the old one. */
  private async evaluateAndCheck(): Promise<TrainingReport | null> {
    const began = performance.now();
    const { cleanAccuracy, robustAccuracy, fgsmAccuracy } = await this.measure();
    this.evalMs += performance.now() - began;
    const bestBefore = this.bestRobust;
    this.bestRobust = Math.max(this.bestRobust, robustAccuracy);
    const e: TrainingEvaluation = {
      step: this.stepValue,
      examplesSeen: this.examplesSeen(),
      cleanAccuracy,
      robustAccuracy,
      ...(fgsmAccuracy === undefined ? {} : { fgsmAccuracy }),
      bestRobustAccuracy: this.bestRobust,
      elapsedMs: this.elapsed(),
      images: this.options.evalSet?.labels.length ?? 0,
      attack: attackName(this.periodicAttack()),
    };
    this.evaluations.push(e);
    this.options.onEvaluation?.(e);
    // Clean training is expected to lose robustness: only adversarial methods can collapse.
    const collapse = this.config.method.kind === 'clean' ? null : collapseKind(robustAccuracy, bestBefore, this.config.collapse, fgsmAccuracy);
    if (collapse) {
      restoreWeights(this.model, this.lastGood!);
      const { message, advice } = collapseReport(
        this.config.method,
        collapse,
        robustAccuracy,
        bestBefore,
        this.stepValue,
        this.lastGoodStep,
        fgsmAccuracy,
      );
      return this.report('collapse', message, advice);
    }
    this.lastGood?.dispose();
    this.lastGood = snapshotWeights(this.model);
    this.lastGoodStep = this.stepValue;
    return null;
  }

  private periodicAttack(): AttackConfig {
    return this.options.evalAttack ?? pgdEvaluation(methodEps(this.config.method));
  }

  private async measure(): Promise<{ cleanAccuracy: number; robustAccuracy: number; fgsmAccuracy?: number }> {
    const { evaluator, evalSet, signal } = this.options;
    if (evaluator) return evaluator(this.model, this.stepValue, signal);
    const { x, labels } = evalSet!;
    const eps = methodEps(this.config.method);
    // Chunks no larger than a training batch: on WASM each attack step is one task, and the page stays as
    // responsive during a check as during training.
    const batchSize = this.config.batchSize;
    const clean = await evaluate(this.model, x, labels, { signal, batchSize });
    const fgsm = await evaluate(this.model, x, labels, { attack: { kind: 'fgsm', norm: 'linf', eps }, signal, batchSize });
    const robust = await evaluate(this.model, x, labels, { attack: this.periodicAttack(), signal, seed: 0, batchSize });
    return { cleanAccuracy: clean.accuracy, robustAccuracy: robust.accuracy, fgsmAccuracy: fgsm.accuracy };
  }

  /** The final check on finalSet: clean and PGD-10 at the training eps, per class; Stop skips it. False when skipped. */
  private async checkFinally(): Promise<boolean> {
    const set = this.options.finalSet;
    if (!set || this.options.signal?.aborted) return false;
    this.stopRequested = false;
    const abort = new AbortController();
    this.finalCheck = abort;
    this.setStatus('checking');
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, abort.signal]) : abort.signal;
    const attack = pgdEvaluation(methodEps(this.config.method));
    const batchSize = this.config.batchSize;
    const n = set.labels.length;
    try {
      const clean = await evaluate(this.model, set.x, set.labels, { signal, batchSize, onProgress: (f) => this.options.onCheckProgress?.(f / 4) });
      const robust = await evaluate(this.model, set.x, set.labels, {
        attack,
        signal,
        seed: 0,
        batchSize,
        onProgress: (f) => this.options.onCheckProgress?.(0.25 + (3 * f) / 4),
      });
      const e: TrainingEvaluation = {
        step: this.stepValue,
        examplesSeen: this.examplesSeen(),
        cleanAccuracy: clean.accuracy,
        robustAccuracy: robust.accuracy,
        bestRobustAccuracy: Math.max(this.bestRobust, robust.accuracy),
        elapsedMs: this.elapsed(),
        images: n,
        attack: attackName(attack),
        final: true,
        perClass: perClassAccuracy(clean.correct, robust.correct, set.labels),
      };
      this.evaluations.push(e);
      this.options.onEvaluation?.(e);
      return true;
    } catch (e) {
      if (isAbortError(e) && !this.options.signal?.aborted) return false;
      throw e;
    } finally {
      this.finalCheck = null;
    }
  }

  private async waitWhilePaused(): Promise<void> {
    if (!this.pauseRequested) return;
    this.runningMs += performance.now() - this.runningSince;
    this.waiting = true;
    this.setStatus('paused');
    while (this.pauseRequested && !this.stopRequested && !this.options.signal?.aborted) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    this.wake = null;
    this.waiting = false;
    this.runningSince = performance.now();
  }

  private wakeUp(): void {
    this.wake?.();
  }

  private setStatus(s: TrainerStatus): void {
    if (s === this.statusValue) return;
    this.statusValue = s;
    this.options.onStatus?.(s);
  }

  private examplesSeen(): number {
    return this.stepValue * this.config.batchSize;
  }

  private elapsed(): number {
    return this.runningMs + (this.waiting ? 0 : performance.now() - this.runningSince);
  }

  private imagesPerSecond(): number {
    return this.trainMs > 0 ? (1000 * this.examplesSeen()) / this.trainMs : 0;
  }

  private progress(loss: number, accuracy: number, learningRate: number): TrainingProgress {
    const left = this.totalSteps - this.stepValue;
    const evalEvery = this.config.evalEvery;
    // Periodic checks still to come, plus the final one when the last step is not a multiple of evalEvery.
    const periodic = evalEvery > 0 ? Math.floor(this.totalSteps / evalEvery) - Math.floor(this.stepValue / evalEvery) : 0;
    const final = left > 0 && (evalEvery === 0 || this.totalSteps % evalEvery !== 0) ? 1 : 0;
    const evalsLeft = periodic + final;
    const perEval = this.evaluations.length > 0 ? this.evalMs / this.evaluations.length : 0;
    const stepMs = this.trainMs / Math.max(1, this.stepValue);
    // Checks held to a share of the time cannot take more than that share of what is left.
    const share = this.config.evalTimeShare;
    const checksMs = Math.min(evalsLeft * perEval, share < 1 ? (left * stepMs * share) / (1 - share) + perEval : Infinity);
    return {
      step: this.stepValue,
      totalSteps: this.totalSteps,
      examplesSeen: this.examplesSeen(),
      totalExamples: this.totalSteps * this.config.batchSize,
      epoch: this.examplesSeen() / this.data.size,
      loss,
      accuracy,
      learningRate,
      imagesPerSecond: this.imagesPerSecond(),
      elapsedMs: this.elapsed(),
      etaMs: left * stepMs + checksMs,
    };
  }

  private report(outcome: TrainingOutcome, message: string, advice?: string): TrainingReport {
    const restored = outcome === 'nan' || outcome === 'collapse';
    return {
      outcome,
      message,
      ...(advice ? { advice } : {}),
      ...(restored ? { restoredStep: this.lastGoodStep } : {}),
      steps: this.stepValue,
      examplesSeen: this.examplesSeen(),
      elapsedMs: this.elapsed(),
      imagesPerSecond: this.imagesPerSecond(),
      evaluations: [...this.evaluations],
    };
  }
}
