// Runs the lab's attack whenever what it depends on changes. FGSM is live: its direction is computed once
// per image, model, norm and target, and each slider event costs one forward pass (JOBS.liveFgsm queues the newest
// event behind the pass in flight). The other attacks run once the controls settle (JOBS.attack); a new request
// cancels the one in flight.
import * as tf from '@tensorflow/tfjs';
import { applyDirection, fgsmDirection, runAttack, type AttackConfig, type AttackStep, type FgsmConfig, type ModelFn } from '../../attacks/index.ts';
import { useAppStore, type AppState } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { cleanKeyOf } from '../../state/labSlice.ts';
import { attackKeyOf, currentBpda, currentConfig, currentTarget, drawOf, hasRandomStart, liveKeyOf } from '../../state/attackSlice.ts';
import { getModel, type Loaded } from '../models/index.ts';
import { abortError, errorMessage, isAbortError } from '../../lib/index.ts';
import { imagesFromBytes } from '../../data/bytesToTensor.ts';
import { JOBS, type JobRun } from '../jobs/index.ts';
import type { AttackOutcome } from '../../state/attackSlice.ts';
import { attackStart, buildOutcome } from './attackOutcome.ts';

const SETTLE_MS = 250;
const PROGRESS_EVERY_MS = 100;

interface Request {
  /** What the outcome is computed for (attackKeyOf). */
  key: string;
  /** The image and the model's weights (cleanKeyOf). */
  cleanKey: string;
  /** Live FGSM: image, model, norm and target (liveKeyOf); null for the other attacks. */
  liveKey: string | null;
  pixels: Uint8Array;
  label: number | null;
  modelId: string;
  config: AttackConfig;
  target: number | null;
  /** The random start's draw. */
  seed: number;
  /** Through the defence's straight-through gradient (BPDA). */
  bpda: boolean;
}

/** A live FGSM request: its direction's key (liveKeyOf) is known. */
type LiveRequest = Request & { config: FgsmConfig; liveKey: string };
const isLive = (req: Request): req is LiveRequest => req.config.kind === 'fgsm' && req.liveKey !== null;

/** The function an attack differentiates: the model's, or its straight-through twin (same logits) for BPDA. */
const attackFn = (loaded: Loaded, req: Request): ModelFn => (req.bpda && loaded.straightThroughFn) || loaded.modelFn;

function requestOf(s: AppState): Request | null {
  const img = currentImage(s);
  const key = attackKeyOf(s);
  const cleanKey = cleanKeyOf(s);
  if (!img || key === null || cleanKey === null || s.backend.status !== 'ready') return null;
  return {
    key,
    cleanKey,
    liveKey: liveKeyOf(s),
    pixels: img.pixels,
    label: img.label,
    modelId: s.selectedModelId,
    config: currentConfig(s),
    target: currentTarget(s),
    seed: drawOf(s),
    bpda: currentBpda(s),
  };
}

/** The cached FGSM direction for one image, model, norm and target. */
interface DirectionCache {
  key: string;
  x: tf.Tensor4D;
  direction: tf.Tensor4D;
  cleanPred: number;
}

// Module state: live FGSM's direction outlives one request (every slider event reuses it) until the image, model,
// norm or target changes, or the backend goes. JOBS.liveFgsm runs one prediction at a time, so one slot is enough.
const live: { direction: DirectionCache | null } = { direction: null };

function dropDirection(): void {
  if (live.direction) tf.dispose([live.direction.x, live.direction.direction]);
  live.direction = null;
}

/** The key of the attack the settings on screen ask for. */
const keyNow = () => requestOf(useAppStore.getState())?.key ?? null;
/** Live FGSM's key on screen: image, model, norm and target (any eps is a point along the same direction). */
const liveKeyNow = () => requestOf(useAppStore.getState())?.liveKey ?? null;

/** One live FGSM prediction, at the request's eps along the cached direction. */
async function fgsmLive(req: LiveRequest, model: ModelFn, signal: AbortSignal): Promise<AttackOutcome> {
  const dirKey = req.liveKey;
  const started = performance.now();
  let direction = live.direction;
  if (direction?.key !== dirKey) {
    dropDirection();
    const x = imagesFromBytes(req.pixels, 1);
    try {
      const start = await attackStart(model, x, req.label, req.target);
      // A goal the model already says: every eps shows the clean image.
      const d = start.nothingToDo
        ? { direction: tf.zerosLike(x) }
        : await fgsmDirection(model, x, [start.reference], { norm: req.config.norm, ...(req.target !== null ? { target: [req.target] } : {}) });
      // Cancelled meanwhile (a backend switch drops the cache): the direction is not kept.
      if (signal.aborted) {
        d.direction.dispose();
        throw abortError('Live FGSM');
      }
      direction = live.direction = { key: dirKey, x, direction: d.direction, cleanPred: start.cleanPred };
    } catch (e) {
      x.dispose();
      throw e;
    }
  }
  const adv = applyDirection(direction.x, direction.direction, req.config.eps);
  try {
    return await buildOutcome({
      key: req.key,
      config: req.config,
      model,
      x: direction.x,
      adversarial: adv,
      label: req.label,
      cleanPred: direction.cleanPred,
      target: req.target,
      steps: 1,
      elapsedMs: performance.now() - started,
      trajectory: [],
      liveFor: dirKey,
    });
  } finally {
    adv.dispose();
  }
}

async function runFull(req: Request, model: ModelFn, run: JobRun): Promise<AttackOutcome> {
  const x = imagesFromBytes(req.pixels, 1);
  const startedAt = performance.now();
  useAppStore.getState().setRun({ status: 'running', for: req.key, progress: 0, startedAt });
  let lastReport = 0;
  const trajectory: AttackStep[] = [];
  try {
    const start = await attackStart(model, x, req.label, req.target);
    if (start.nothingToDo) {
      return await buildOutcome({
        key: req.key,
        config: req.config,
        model,
        x,
        adversarial: x,
        label: req.label,
        cleanPred: start.cleanPred,
        target: req.target,
        steps: 0,
        elapsedMs: performance.now() - startedAt,
        trajectory: [],
      });
    }
    const result = await runAttack(model, x, [start.reference], req.config, {
      signal: run.signal,
      // The same request draws the same random start (a link reproduces its result); "Run again" draws anew.
      seed: req.seed,
      ...(req.target !== null ? { target: [req.target] } : {}),
      onStep: (s) => {
        trajectory.push(s);
        const now = performance.now();
        if (now - lastReport > PROGRESS_EVERY_MS && run.wanted()) {
          lastReport = now;
          useAppStore.getState().setRun({ status: 'running', for: req.key, progress: s.progress, startedAt });
        }
      },
    });
    try {
      return await buildOutcome({
        key: req.key,
        config: req.config,
        model,
        x,
        adversarial: result.adversarial,
        label: req.label,
        cleanPred: start.cleanPred,
        target: req.target,
        seed: req.seed,
        steps: result.steps[0]!,
        elapsedMs: result.elapsedMs,
        trajectory: result.trajectory[0] ?? trajectory,
      });
    } finally {
      result.adversarial.dispose();
    }
  } finally {
    x.dispose();
  }
}

/** An attack's read-out, live or full: the job calls it only while the run is wanted. */
const showOutcome = (req: Request) => ({
  done: (outcome: AttackOutcome) => {
    useAppStore.getState().setOutcome(outcome);
    useAppStore.getState().setRun({ status: 'idle' });
  },
  failed: (message: string) => useAppStore.getState().setRun({ status: 'failed', for: req.key, message }),
});

/** Live FGSM has a prediction in flight or waiting: background work (the decision landscape) lets it go first. */
export const liveFgsmBusy = (): boolean => JOBS.liveFgsm.busy();

/**
 * Slider events arrive faster than predictions: the newest waits for the one in flight. Latest wins, but nothing
 * finished is thrown away: keyed by the direction, a result for an eps the slider has left is still a point along
 * the same direction, and showing it keeps a drag live on a slow backend.
 */
function runLive(req: LiveRequest): void {
  void JOBS.liveFgsm.run(req.liveKey, {
    keyNow: liveKeyNow,
    work: async ({ signal }) => fgsmLive(req, attackFn(await getModel(req.modelId), req), signal),
    ...showOutcome(req),
  });
}

function schedule(req: Request): void {
  if (isLive(req)) {
    JOBS.attack.cancel();
    runLive(req);
    return;
  }
  JOBS.liveFgsm.cancel();
  void JOBS.attack.run(req.key, {
    keyNow,
    delayMs: SETTLE_MS,
    work: async (run) => runFull(req, attackFn(await getModel(req.modelId), req), run),
    ...showOutcome(req),
  });
}

/** Cancels the attack in flight (the Cancel button). */
export function cancelAttack(): void {
  JOBS.attack.cancel();
  JOBS.liveFgsm.cancel();
  const s = useAppStore.getState();
  s.setRun({ status: 'cancelled', for: attackKeyOf(s) });
}

/** Starts watching the store. Returns the unsubscribe function. */
export function startAttackRunner(): () => void {
  let last: string | null = null;
  const onChange = (s: AppState) => {
    const req = requestOf(s);
    const key = req?.key ?? null;
    if (key === last) return;
    last = key;
    if (req) schedule(req);
  };
  onChange(useAppStore.getState());
  return useAppStore.subscribe(onChange);
}

/** After a backend switch or a lost WebGL context: the tensors are gone. */
export function resetAttackRunner(): void {
  JOBS.attack.cancel();
  JOBS.liveFgsm.cancel();
  dropDirection();
}

/** "Run again": an attack with a random start draws a new one (and says which); any other runs as it is. */
export function runAgain(): void {
  const s = useAppStore.getState();
  if (hasRandomStart(s)) s.nextSeed();
  else rerunAttack();
}

/**
 * Runs the current attack again (after a cancel, or on a new backend). Runs are seeded, so this reproduces the
 * same random start and the same result.
 */
export function rerunAttack(): void {
  const req = requestOf(useAppStore.getState());
  if (req) schedule(req);
}
