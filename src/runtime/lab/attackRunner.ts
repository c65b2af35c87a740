// Runs the lab's attack whenever what it depends on changes. FGSM is live: its direction is computed once
// per image, model, norm and target, and each slider event costs one forward pass. The other attacks
// re-run once the controls settle; a new request cancels the one in flight.
import * as tf from '@tensorflow/tfjs';
import { applyDirection, fgsmDirection, runAttack, type AttackConfig, type AttackStep, type ModelFn } from '../../attacks/index.ts';
import { useAppStore, type AppState } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { cleanKeyOf } from '../../state/labSlice.ts';
import { attackKeyOf, currentConfig, currentTarget, liveKeyOf } from '../../state/attackSlice.ts';
import { getModel } from '../models/index.ts';
import { errorMessage, imagesFromBytes, isAbortError, latestJob } from '../platform/index.ts';
import { buildOutcome, referenceClass } from './attackOutcome.ts';

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
}

function requestOf(s: AppState): Request | null {
  const img = currentImage(s);
  const key = attackKeyOf(s);
  const cleanKey = cleanKeyOf(s);
  if (!img || key === null || cleanKey === null || s.backend.status !== 'ready') return null;
  return { key, cleanKey, liveKey: liveKeyOf(s), pixels: img.pixels, label: img.label, modelId: s.selectedModelId, config: currentConfig(s), target: currentTarget(s) };
}

/** The cached FGSM direction for one image, model, norm and target. */
interface DirectionCache {
  key: string;
  x: tf.Tensor4D;
  direction: tf.Tensor4D;
  cleanPred: number;
}
// Outlives one request (every slider event reuses it) until the image, model, norm or target changes, or the
// backend goes.
let direction: DirectionCache | null = null;

function dropDirection(): void {
  if (direction) tf.dispose([direction.x, direction.direction]);
  direction = null;
}

const stillWanted = (key: string) => requestOf(useAppStore.getState())?.key === key;

async function runFgsmLive(req: Request, model: ModelFn): Promise<void> {
  if (req.config.kind !== 'fgsm' || req.liveKey === null) return;
  const dirKey = req.liveKey;
  const started = performance.now();
  if (direction?.key !== dirKey) {
    dropDirection();
    const x = imagesFromBytes(req.pixels, 1);
    try {
      const reference = await referenceClass(model, x, req.label);
      const d = await fgsmDirection(model, x, [reference], { norm: req.config.norm, ...(req.target !== null ? { target: [req.target] } : {}) });
      direction = { key: dirKey, x, direction: d.direction, cleanPred: d.cleanPred[0]! };
    } catch (e) {
      x.dispose();
      throw e;
    }
  }
  const adv = applyDirection(direction.x, direction.direction, req.config.eps);
  try {
    const outcome = await buildOutcome({
      key: req.key, config: req.config, model, x: direction.x, adversarial: adv,
      label: req.label, cleanPred: direction.cleanPred, target: req.target,
      steps: 1, elapsedMs: performance.now() - started, trajectory: [], liveFor: dirKey,
    });
    // Latest wins, but nothing finished is thrown away: while the slider moves on, this eps is still a point
    // along the same direction, and showing it keeps a drag live on a slow backend.
    if (liveKeyOf(useAppStore.getState()) === dirKey) useAppStore.getState().setOutcome(outcome);
  } finally {
    adv.dispose();
  }
}

async function runFull(req: Request, model: ModelFn, signal: AbortSignal): Promise<void> {
  const x = imagesFromBytes(req.pixels, 1);
  const store = useAppStore.getState();
  const startedAt = performance.now();
  store.setRun({ status: 'running', for: req.key, progress: 0, startedAt });
  let lastReport = 0;
  const trajectory: AttackStep[] = [];
  try {
    const reference = await referenceClass(model, x, req.label);
    const result = await runAttack(model, x, [reference], req.config, {
      signal,
      // A fixed seed: the same request draws the same random start, so a run (and "Run again") is reproducible.
      seed: 0,
      ...(req.target !== null ? { target: [req.target] } : {}),
      onStep: (s) => {
        trajectory.push(s);
        const now = performance.now();
        if (now - lastReport > PROGRESS_EVERY_MS) {
          lastReport = now;
          useAppStore.getState().setRun({ status: 'running', for: req.key, progress: s.progress, startedAt });
        }
      },
    });
    try {
      const outcome = await buildOutcome({
        key: req.key, config: req.config, model, x, adversarial: result.adversarial,
        label: req.label, cleanPred: result.cleanPred[0]!, target: req.target,
        steps: result.steps[0]!, elapsedMs: result.elapsedMs, trajectory: result.trajectory[0] ?? trajectory,
      });
      if (stillWanted(req.key)) {
        useAppStore.getState().setOutcome(outcome);
        useAppStore.getState().setRun({ status: 'idle' });
      }
    } finally {
      result.adversarial.dispose();
    }
  } finally {
    x.dispose();
  }
}

// The page has one lab: one full attack in flight at a time, and one waiting for the controls to settle.
const fullRun = latestJob();
let settleTimer: ReturnType<typeof setTimeout> | null = null;
// Live FGSM runs one prediction at a time; the newest request that arrived meanwhile waits here.
let liveBusy = false;
let livePending: Request | null = null;

/** Live FGSM has a prediction in flight or waiting: background work (the decision landscape) lets it go first. */
export const liveFgsmBusy = (): boolean => liveBusy || livePending !== null;

function fail(req: Request, e: unknown): void {
  if (isAbortError(e) || !stillWanted(req.key)) return;
  useAppStore.getState().setRun({ status: 'failed', for: req.key, message: errorMessage(e) });
}

/** Slider events arrive faster than predictions: run the newest request when the current one ends. */
async function live(req: Request): Promise<void> {
  if (liveBusy) {
    livePending = req;
    return;
  }
  liveBusy = true;
  try {
    const { logits } = await getModel(req.modelId);
    await runFgsmLive(req, logits);
    if (stillWanted(req.key)) useAppStore.getState().setRun({ status: 'idle' });
  } catch (e) {
    fail(req, e);
  } finally {
    liveBusy = false;
    const next = livePending;
    livePending = null;
    if (next && stillWanted(next.key)) void live(next);
  }
}

function schedule(req: Request): void {
  fullRun.cancel();
  if (settleTimer) clearTimeout(settleTimer);
  if (req.config.kind === 'fgsm') {
    void live(req);
    return;
  }
  settleTimer = setTimeout(() => {
    const signal = fullRun.start();
    getModel(req.modelId)
      .then(({ logits }) => runFull(req, logits, signal))
      .catch((e: unknown) => fail(req, e))
      .finally(() => fullRun.finish(signal));
  }, SETTLE_MS);
}

/** Cancels the attack in flight (the Cancel button). */
export function cancelAttack(): void {
  fullRun.cancel();
  useAppStore.getState().setRun({ status: 'idle' });
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
  fullRun.cancel();
  dropDirection();
}

/**
 * Runs the current attack again (after a cancel, or on a new backend). Runs are seeded, so this reproduces the
 * same random start and the same result.
 */
export function rerunAttack(): void {
  const req = requestOf(useAppStore.getState());
  if (req) schedule(req);
}
