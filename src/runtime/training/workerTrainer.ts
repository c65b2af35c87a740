// The page's side of a training job in a worker (trainingWorker.ts): the same controls and callbacks as a
// Trainer, plus the weights as they change, which the page writes into its own copy of the model.
import type { TrainerOptions, TrainingReport, WeightValue } from '../../training/index.ts';
import type { ThreadChoice } from '../../state/backendSlice.ts';
import { trainingWorkerName } from '../backend/index.ts';
import type { FromTrainingHost, StartTraining, ToTrainingHost } from './trainingHost.ts';

export interface WorkerTrainerOptions extends Pick<TrainerOptions, 'onProgress' | 'onEvaluation' | 'onStatus' | 'onGame' | 'onCheckProgress'> {
  /** The job's weights every few steps and at the end (before start() resolves). */
  onWeights: (weights: WeightValue[], step: number | 'final') => void;
}

export class WorkerTrainer {
  private worker: Worker | null = null;

  constructor(
    private readonly job: Omit<StartTraining, 'type'> & { threadChoice: ThreadChoice | null },
    private readonly options: WorkerTrainerOptions,
  ) {}

  /** Runs the job to its end; rejects when the worker fails. */
  start(): Promise<TrainingReport> {
    const worker = new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module', name: trainingWorkerName(this.job.threadChoice) });
    this.worker = worker;
    const done = new Promise<TrainingReport>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromTrainingHost>) => {
        const m = e.data;
        if (m.type === 'status') this.options.onStatus?.(m.status);
        else if (m.type === 'progress') this.options.onProgress?.(m.progress);
        else if (m.type === 'evaluation') this.options.onEvaluation?.(m.evaluation);
        else if (m.type === 'game') this.options.onGame?.(m.game);
        else if (m.type === 'checkProgress') this.options.onCheckProgress?.(m.fraction);
        else if (m.type === 'weights') this.options.onWeights(m.weights, m.step);
        else if (m.type === 'done') {
          this.options.onWeights(m.weights, 'final');
          resolve(m.report);
        } else reject(new Error(m.message));
      };
      worker.onerror = (e) => reject(new Error(e.message || 'the training worker failed to start'));
    });
    const { threadChoice: _, ...job } = this.job;
    const { images, evalImages, finalImages } = job;
    const moved = [...new Set([images.buffer, evalImages.buffer, finalImages.buffer])] as ArrayBuffer[];
    this.send({ type: 'start', ...job }, moved);
    return done.finally(() => {
      worker.terminate();
      this.worker = null;
    });
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

  private send(message: ToTrainingHost, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }
}
