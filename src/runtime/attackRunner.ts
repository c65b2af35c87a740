// Runs the lab's attack whenever what it depends on changes. FGSM is live: its direction is computed once
// per image, model, norm and target, and each slider event costs one forward pass. The other attacks
// re-run once the controls settle; a new request cancels the one in flight.
import * as tf from '@tensorflow/tfjs';
import { modelKey } from '../state/modelSlice.ts';
import { applyDirection, fgsmDirection, runAttack, type AttackConfig, type AttackStep, type ModelFn } from '../attacks/index.ts';
import { useAppStore, type AppState } from '../state/store.ts';
import { currentImage } from '../state/gallerySlice.ts';
import { currentConfig, SUPPORTS_TARGET } from '../state/attackSlice.ts';
import { getModel } from './modelRegistry.ts';
import { pixelsToTensor } from './classify.ts';
import { buildOutcome } from './attackOutcome.ts';

const SETTLE_MS = 250;
const PROGRESS_EVERY_MS = 100;

interface Request {
  key: string;
  imageKey: string;
  pixels: Uint8Array;
  label: number | null;
  modelId: string;
  /** Model id and weights version. */
  modelKey: string;
  config: AttackConfig;
  target: number | null;
}

function requestOf(s: AppState): Request | null {
  const img = currentImage(s);
  if (!img || s.backend.status !== 'ready') return null;
  const config = currentConfig(s);
  const target = SUPPORTS_TARGET[config.kind] ? s.target : null;
  return {
    key: `${img.key}|${modelKey(s)}|${JSON.stringify(config)}|${target}`,
    imageKey: img.key,
    pixels: img.pixels,
    label: img.label,
    modelId: s.selectedModelId,
    modelKey: modelKey(s),
    config,
    target,
  };
}

/** The cached FGSM direction for one image, model, norm and target. */
interface DirectionCache {
  key: string;
  x: tf.Tensor4D;
  direction: tf.Tensor4D;
  reference: number;
}
let direction: DirectionCache | null = null;

function dropDirection(): void {
  if (direction) tf.dispose([direction.x, direction.direction]);
  direction = null;
}

async function referenceClass(model: ModelFn, x: tf.Tensor4D, label: number | null): Promise<number> {
  if (label !== null) return label;
  const pred = tf.tidy(() => tf.argMax(model(x), 1));
  const p = (await pred.data())[0]!;
  pred.dispose();
  return p;
}

const stillWanted = (key: string) => requestOf(useAppStore.getState())?.key === key;

async function runFgsmLive(req: Request, model: ModelFn): Promise<void> {
  if (req.config.kind !== 'fgsm') return;
  const dirKey = `${req.imageKey}|${req.modelKey}|${req.config.norm}|${req.target}`;
  const started = performance.now();
  if (direction?.key !== dirKey) {
    dropDirection();
    const x = pixelsToTensor(req.pixels);
    try {
      const reference = await referenceClass(model, x, req.label);
      const d = await fgsmDirection(model, x, [reference], { norm: req.config.norm, ...(req.target !== null ? { target: [req.target] } : {}) });
      direction = { key: dirKey, x, direction: d.direction, reference };
    } catch (e) {
      x.dispose();
      throw e;
    }
  }
  const adv = applyDirection(direction.x, direction.direction, req.config.eps);
  try {
    const outcome = await buildOutcome({
      key: req.key, kind: 'fgsm', model, x: direction.x, adversarial: adv,
      reference: req.target ?? direction.reference, targeted: req.target !== null,
      steps: 1, elapsedMs: performance.now() - started, trajectory: [], live: true,
    });
    if (stillWanted(req.key)) useAppStore.getState().setOutcome(outcome);
  } finally {
    adv.dispose();
  }
}

async function runFull(req: Request, model: ModelFn, signal: AbortSignal): Promise<void> {
  const x = pixelsToTensor(req.pixels);
  const store = useAppStore.getState();
  const startedAt = performance.now();
  store.setRun({ status: 'running', for: req.key, progress: 0, startedAt });
  let lastReport = 0;
  const trajectory: AttackStep[] = [];
  try {
    const reference = await referenceClass(model, x, req.label);
    const result = await runAttack(model, x, [reference], req.config, {
      signal,
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
        key: req.key, kind: req.config.kind, model, x, adversarial: result.adversarial,
        reference: req.target ?? reference, targeted: req.target !== null,
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

let controller: AbortController | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let liveBusy = false;
let livePending: Request | null = null;

const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

function fail(req: Request, e: unknown): void {
  if (isAbort(e) || !stillWanted(req.key)) return;
  useAppStore.getState().setRun({ status: 'failed', for: req.key, message: e instanceof Error ? e.message : String(e) });
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
  controller?.abort();
  controller = null;
  if (timer) clearTimeout(timer);
  if (req.config.kind === 'fgsm') {
    void live(req);
    return;
  }
  timer = setTimeout(() => {
    const c = new AbortController();
    controller = c;
    getModel(req.modelId)
      .then(({ logits }) => runFull(req, logits, c.signal))
      .catch((e: unknown) => fail(req, e));
  }, SETTLE_MS);
}

/** Cancels the attack in flight (the Cancel button). */
export function cancelAttack(): void {
  controller?.abort();
  controller = null;
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

/** After a lost WebGL context: tensors are gone. */
export function resetAttackRunner(): void {
  controller?.abort();
  dropDirection();
}

/** Runs the current attack again (after a cancel, or to draw a new random start). */
export function rerunAttack(): void {
  const req = requestOf(useAppStore.getState());
  if (req) schedule(req);
}
