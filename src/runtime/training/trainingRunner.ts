// Runs adversarial training of a copy of the selected model, keeping the lab live: the copy is a model of
// the picker ("My model (from ...)"), and every few steps its weights version is bumped so the lab
// re-classifies the image and re-runs its attack against the new weights. The job runs in a worker
// (workerTrainer.ts) on the backend it times fastest there (WASM, WebGPU, or WebGL through OffscreenCanvas) and sends
// the weights back; only where no worker can start does it run here, yielding between steps, and the panel says why.
import * as tf from '@tensorflow/tfjs';
import { pgdEvaluation } from '../../attacks/index.ts';
import {
  Trainer,
  checkLogitsOutput,
  methodEps,
  modelFromArtifacts,
  modelToArtifacts,
  withRecipe,
  writeWeights,
  type TrainerOptions,
  type TrainingConfig,
  type TrainingReport,
} from '../../training/index.ts';
import { useAppStore, type AppState } from '../../state/store.ts';
import { JOBS, type TrainingControl } from '../jobs/index.ts';
import { chosenMethod, type TrainingSettings } from '../../state/trainingSlice.ts';
import { forgetModel, getModel, registerLoadedModel } from '../models/index.ts';
import { trainingBytes, trainingData } from './trainingData.ts';
import { evalBytes, evalImages } from '../measure/index.ts';
import { WorkerTrainer } from './workerTrainer.ts';
import { timeThreads, type WorkerBackend } from '../backend/index.ts';
import { BACKEND_LABELS, type BackendName, type ThreadChoice } from '../../state/backendSlice.ts';
import { errorMessage } from '../../lib/index.ts';
import { IMAGE_SHAPE } from '../../data/bytesToTensor.ts';
import { STANDARD_MODEL_ID } from '../../model/shipped.ts';

const TRAINING_MODEL_ID = 'training';
/**
 * The periodic check: 100 held-out images, clean, FGSM and a quick PGD-3, as often as 15% of the running time
 * allows (training is what a class came to see). The final check after the last step: 500 images, PGD-10.
 */
const CHECK_IMAGES = 100;
const CHECK_PGD_STEPS = 3;
const CHECK_TIME_SHARE = 0.15;
const FINAL_IMAGES = 500;
/** The game is watched every this many steps (one inference pass), with this many adversarial images kept. */
const WATCH = { every: 5, strip: 8 };
/** The lab follows the weights every this many steps. */
const LAB_REFRESH_STEPS = 5;

/** A Trainer on this thread, or a WorkerTrainer. */
type TrainingJob = TrainingControl & { start(): Promise<TrainingReport> };

function trainingConfigOf(s: TrainingSettings): Partial<TrainingConfig> {
  const { method: _, methods: __, ...recipe } = s;
  return { ...withRecipe(recipe), method: chosenMethod(s), flip: true, evalTimeShare: CHECK_TIME_SHARE };
}

/**
 * The periodic check's attack and the game watch, for the settings' method. No check before the first step: it
 * would hold the class up for a figure the trade-off plane already shows (the shipped models' points).
 */
const checksOf = (s: TrainingSettings): Pick<TrainerOptions, 'evalAttack' | 'watch' | 'checkAtStart'> => ({
  evalAttack: pgdEvaluation(methodEps(chosenMethod(s)), { steps: CHECK_PGD_STEPS }),
  watch: WATCH,
  checkAtStart: false,
});

/** A copy of a model with its own weights: training never touches the original. */
async function copyOf(model: tf.LayersModel): Promise<tf.LayersModel> {
  return modelFromArtifacts(await modelToArtifacts(model));
}

export async function startTraining(): Promise<void> {
  const store = useAppStore.getState();
  const { job } = JOBS.training;
  if (job.busy()) return;
  const continuing = store.selectedModelId === TRAINING_MODEL_ID;
  const baseModelId = continuing ? (store.training.baseModelId ?? STANDARD_MODEL_ID) : store.selectedModelId;
  store.setTraining({ status: 'preparing', baseModelId, message: 'Loading the training images…', progress: 0, etaMs: null });
  if (!continuing) store.clearHistory();
  // Training is not tied to the lab's settings (latestOnly), and a run is never superseded: Start waits (busy above).
  await job.run({
    work: () => train(store, baseModelId, continuing),
    done: (report) => {
      const status = report.outcome === 'completed' ? 'finished' : report.outcome === 'nan' || report.outcome === 'collapse' ? 'restored' : 'stopped';
      useAppStore.getState().setTraining({ status, message: [report.message, report.advice].filter(Boolean).join(' '), progress: 1, etaMs: 0 });
      useAppStore.getState().bumpModelVersion(TRAINING_MODEL_ID);
    },
    failed: (message) => useAppStore.getState().setTraining({ status: 'failed', message: `Training could not run: ${message}` }),
    // Nothing cancels training (Stop ends it with a report), but an abort from below must not leave it 'preparing'.
    cancelled: () => useAppStore.getState().setTraining({ status: 'stopped', message: 'Training was interrupted.' }),
  });
}

/** The training worker's WASM threads: timed before the first job in this browser (it waits), then remembered. */
async function trainingThreads(): Promise<ThreadChoice | null> {
  const known = useAppStore.getState().threadChoice.training;
  if (known) return known;
  const choice = await timeThreads('training', () =>
    useAppStore.getState().setTraining({ message: 'Timing a training step on one WASM thread and on more (once in this browser)…' }),
  );
  useAppStore.getState().setThreadChoice('training', choice);
  return choice;
}

/** The worker's backend and why, in the panel's words: the timing or memory, a fallback, and why one WASM thread. */
function workerBackendWords({ info, reason }: WorkerBackend): string {
  const fellBack = info.fallbacks.length > 0 ? `; fell back to ${BACKEND_LABELS[info.name]}: ${info.fallbacks.join('; ')}` : '';
  const oneThread = info.wasm?.oneThreadBecause ? `; one WASM thread: ${info.wasm.oneThreadBecause}` : '';
  return `${reason}${fellBack}${oneThread}`;
}

/**
 * A training worker on its fastest backend, or null where none can start here: then the page trains itself (a step
 * is then a long task on the page's thread) and the panel says why.
 */
async function openWorker(): Promise<WorkerTrainer | null> {
  const s = useAppStore.getState();
  const onPage = (reason: string) => {
    s.setTrainingBackend({ where: 'page', name: tf.getBackend() as BackendName, reason });
    return null;
  };
  if (typeof Worker !== 'function') return onPage('this browser has no Web Workers');
  // A backend someone chose for the page (a link, the Run on menu) is the worker's too; a measured one is the page's own.
  const page = s.backend.status === 'ready' ? s.backend.info : null;
  const chosen = page && page.reason && (page.chosenBy === 'link' || page.chosenBy === 'user') ? { name: page.name, reason: page.reason } : null;
  const threads = chosen && chosen.name !== 'wasm' ? null : await trainingThreads();
  s.setTraining({ message: 'Starting the training worker (it times its backends once in this browser)…' });
  try {
    const { trainer, backend } = await WorkerTrainer.open(threads, chosen);
    s.setTrainingBackend({ where: 'worker', name: backend.info.name, reason: workerBackendWords(backend) });
    return trainer;
  } catch (e) {
    return onPage(`the training worker could not start (${errorMessage(e)})`);
  }
}

/** Prepares the copy, the data and the trainer, and trains until it ends; the panel's buttons reach it meanwhile. */
async function train(store: AppState, baseModelId: string, continuing: boolean): Promise<TrainingReport> {
  const settings = store.trainingSettings;
  let held: { x: tf.Tensor4D; labels: number[] } | null = null;
  let final: { x: tf.Tensor4D; labels: number[] } | null = null;
  let trainer: TrainingJob;
  let worker: WorkerTrainer | null = null;
  try {
    const [{ model: source }, opened] = await Promise.all([getModel(store.selectedModelId), openWorker()]);
    worker = opened;
    const data = await (worker ? trainingBytes() : trainingData());
    // Before any copy: a model that cannot train leaves the picker as it was.
    checkLogitsOutput(source);
    const model = continuing ? source : await copyOf(source);
    if (!continuing) {
      registerLoadedModel(TRAINING_MODEL_ID, model, { live: true });
      const base = store.models.find((m) => m.id === baseModelId);
      store.addModel({ id: TRAINING_MODEL_ID, name: `My model (from ${base?.name ?? baseModelId})`, source: 'training', status: 'ready' });
      store.selectModel(TRAINING_MODEL_ID);
    }
    const offset = useAppStore.getState().history.at(-1)?.examples ?? 0;
    const eps = methodEps(chosenMethod(settings));
    const callbacks: Pick<TrainerOptions, 'onStatus' | 'onProgress' | 'onEvaluation' | 'onGame' | 'onCheckProgress'> = {
      onStatus: (status) => {
        if (status === 'running' || status === 'paused') useAppStore.getState().setTraining({ status, message: null });
        if (status === 'checking') useAppStore.getState().setTraining({ status, message: null, progress: 0, etaMs: null });
      },
      onCheckProgress: (fraction) => useAppStore.getState().setTraining({ progress: fraction }),
      onGame: (g) =>
        useAppStore.getState().pushGame(
          {
            step: g.step,
            examples: offset + g.examplesSeen,
            cleanLoss: g.cleanLoss,
            adversarialLoss: g.adversarialLoss,
            attackerSuccess: g.attackerSuccess,
          },
          { step: g.step, ...g.strip },
        ),
      onProgress: (p) => {
        const s = useAppStore.getState();
        s.pushHistory({ step: p.step, examples: offset + p.examplesSeen, loss: p.loss, imagesPerSecond: p.imagesPerSecond, elapsedMs: p.elapsedMs });
        s.setTraining({ progress: p.step / p.totalSteps, etaMs: p.etaMs });
        // In a worker the weights arrive on their own (onWeights below).
        if (!worker && p.step % LAB_REFRESH_STEPS === 0) s.bumpModelVersion(TRAINING_MODEL_ID);
      },
      onEvaluation: (e) => {
        const s = useAppStore.getState();
        if (e.final) {
          s.setFinalCheck({
            examples: offset + e.examplesSeen,
            images: e.images,
            attack: e.attack,
            eps,
            cleanAccuracy: e.cleanAccuracy,
            robustAccuracy: e.robustAccuracy,
            perClass: e.perClass!,
          });
          return;
        }
        s.pushHistory({
          step: e.step,
          examples: offset + e.examplesSeen,
          loss: s.history.at(-1)?.loss ?? Number.NaN,
          imagesPerSecond: s.history.at(-1)?.imagesPerSecond ?? 0,
          elapsedMs: e.elapsedMs,
          cleanAccuracy: e.cleanAccuracy,
          robustAccuracy: e.robustAccuracy,
          ...(e.fgsmAccuracy === undefined ? {} : { fgsmAccuracy: e.fgsmAccuracy }),
          images: e.images,
          attack: e.attack,
        });
      },
    };
    if (worker) {
      const { bytes, labels } = data as Awaited<ReturnType<typeof trainingBytes>>;
      const [heldBytes, finalBytes] = await Promise.all([evalBytes(CHECK_IMAGES), evalBytes(FINAL_IMAGES)]);
      const w = worker;
      const job = {
        artifacts: await modelToArtifacts(model),
        images: bytes.slice(), // moved to the worker: the cached bytes stay here
        labels,
        evalImages: heldBytes.bytes,
        evalLabels: heldBytes.labels,
        finalImages: finalBytes.bytes,
        finalLabels: finalBytes.labels,
        shape: [...IMAGE_SHAPE] as [number, number, number],
        config: trainingConfigOf(settings),
        checks: checksOf(settings),
        weightsEvery: LAB_REFRESH_STEPS,
      };
      trainer = {
        start: () =>
          w.start(job, {
            ...callbacks,
            onWeights: (weights) => {
              writeWeights(model, weights);
              useAppStore.getState().bumpModelVersion(TRAINING_MODEL_ID);
            },
          }),
        pause: () => w.pause(),
        resume: () => w.resume(),
        stop: () => w.stop(),
      };
    } else {
      [held, final] = await Promise.all([evalImages(CHECK_IMAGES), evalImages(FINAL_IMAGES)]);
      trainer = new Trainer(model, data as Awaited<ReturnType<typeof trainingData>>, trainingConfigOf(settings), {
        evalSet: held,
        finalSet: final,
        ...checksOf(settings),
        ...callbacks,
      });
    }
    JOBS.training.control = trainer;
    return await trainer.start();
  } finally {
    JOBS.training.control = null;
    worker?.close(); // ended with its job, or never given one (the preparation failed)
    held?.x.dispose();
    final?.x.dispose();
  }
}

export function pauseTraining(): void {
  JOBS.training.control?.pause();
}

export function resumeTraining(): void {
  JOBS.training.control?.resume();
}

export function stopTraining(): void {
  JOBS.training.control?.stop();
}

/** Throws the trained copy away and goes back to the model it started from. */
export async function resetToPretrained(): Promise<void> {
  const s = useAppStore.getState();
  if (JOBS.training.job.busy()) return;
  const base = s.training.baseModelId ?? STANDARD_MODEL_ID;
  forgetModel(TRAINING_MODEL_ID);
  s.removeModel(TRAINING_MODEL_ID);
  s.selectModel(base);
  s.clearHistory();
  s.setTraining({ status: 'idle', message: null, progress: 0, etaMs: null });
}
