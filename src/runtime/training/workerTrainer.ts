// The page's side of a training job in a worker (trainingWorker.ts): the worker's backend first (open), then the same
// controls and callbacks as a Trainer, plus the weights as they change, which the page writes into its own copy of
// the model.
import type { TrainerOptions, TrainingReport, WeightValue } from '../../training/index.ts';
import type { ThreadChoice } from '../../state/backendSlice.ts';
import { rememberChoice, rememberedRecord, trainingWorkerName, type ForcedBackend, type WorkerBackend } from '../backend/index.ts';
import type { StartTraining } from './trainingHost.ts';
import type { FromTrainingWorker, ToTrainingWorker } from './trainingWorker.ts';

export interface WorkerTrainerOptions extends Pick<TrainerOptions, 'onProgress' | 'onEvaluation' | 'onStatus' | 'onGame' | 'onCheckProgress'> {
  /** The job's weights every few steps and at the end (before start() resolves). */
  onWeights: (weights: WeightValue[], step: number | 'final') => void;
}

export class WorkerTrainer {
  private constructor(private readonly worker: Worker) {}

  /**
   * A training worker on WASM with `threadChoice`'s threads, or on a GPU where it timed faster there (or on the
   * backend someone chose for the page); rejects when the worker cannot start or has no backend (the page trains
   * itself then). A fresh timing is remembered.
   */
  static async open(threadChoice: ThreadChoice | null, forced: ForcedBackend | null): Promise<{ trainer: WorkerTrainer; backend: WorkerBackend }> {
    const worker = new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module', name: trainingWorkerName(threadChoice) });
    try {
      const backend = await new Promise<WorkerBackend>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<FromTrainingWorker>) => {
          if (e.data.type === 'backend') resolve(e.data.backend);
          else if (e.data.type === 'error') reject(new Error(e.data.message));
        };
        worker.onerror = (e) => reject(new Error(e.message || 'the training worker failed to start'));
        worker.postMessage({ type: 'backend', remembered: rememberedRecord('training'), forced } satisfies ToTrainingWorker);
      });
      if (backend.remember) rememberChoice(backend.remember, 'training');
      return { trainer: new WorkerTrainer(worker), backend };
    } catch (e) {
      worker.terminate();
      throw e;
    }
  }

  /** Runs the job to its end; rejects when the worker fails. The worker ends with it. */
  start(job: Omit<StartTraining, 'type'>, options: WorkerTrainerOptions): Promise<TrainingReport> {
    const { worker } = this;
    const done = new Promise<TrainingReport>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromTrainingWorker>) => {
        const m = e.data;
        if (m.type === 'status') options.onStatus?.(m.status);
        else if (m.type === 'progress') options.onProgress?.(m.progress);
        else if (m.type === 'evaluation') options.onEvaluation?.(m.evaluation);
        else if (m.type === 'game') options.onGame?.(m.game);
        else if (m.type === 'checkProgress') options.onCheckProgress?.(m.fraction);
        else if (m.type === 'weights') options.onWeights(m.weights, m.step);
        else if (m.type === 'done') {
          options.onWeights(m.weights, 'final');
          resolve(m.report);
        } else if (m.type === 'error') reject(new Error(m.message));
      };
      worker.onerror = (e) => reject(new Error(e.message || 'the training worker failed'));
    });
    const { images, evalImages, finalImages } = job;
    const moved = [...new Set([images.buffer, evalImages.buffer, finalImages.buffer])] as ArrayBuffer[];
    this.send({ type: 'start', ...job }, moved);
    return done.finally(() => this.close());
  }

  /** Ends the worker (a job not started, or one that ended). */
  close(): void {
    this.worker.terminate();
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  private send(message: ToTrainingWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}
