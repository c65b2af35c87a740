// The decision landscape of each compared model (the shipped pair, and yours when the lab shows it) around the image
// on screen, on demand (41x41 forward passes per model): in small batches that yield to the page and wait while the
// live FGSM slider has work, cancellable, with progress. Every tensor is disposed in `finally`.
import * as tf from '@tensorflow/tfjs';
import { ATTACK_DESCRIPTORS, fgsmDirection, type ModelFn } from '../../attacks/index.ts';
import { LANDSCAPE_DEFAULTS, computeLandscape, planeDirections } from '../../insights/index.ts';
import { useAppStore, type AppState } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { attackKeyOf } from '../../state/attackSlice.ts';
import { comparedModels, insightKeyOf, type LandscapeMap, type LandscapeReadout } from '../../state/insightSlice.ts';
import { getModel } from '../models/index.ts';
import { IMAGE_SHAPE, imagesFromBytes } from '../../data/bytesToTensor.ts';
import { liveFgsmBusy, referenceClass } from '../lab/index.ts';
import { JOBS, keyedReadout } from '../jobs/index.ts';
import { sleep } from './sleep.ts';

export const LANDSCAPE_SIZE = LANDSCAPE_DEFAULTS.size;
export const LANDSCAPE_RADIUS = LANDSCAPE_DEFAULTS.radius;
/** The random direction is seeded: drawing again shows the same plane. */
const PLANE_SEED = 0;
const FGSM_MARK = 8 / 255;

/**
 * Between batches: let the page paint and handle input, then wait while live FGSM has a prediction to make. A
 * landscape for an image no longer on screen stops here (computeLandscape checks the signal's flag; this throws).
 */
async function giveWay(signal: AbortSignal, key: string): Promise<void> {
  await sleep(0);
  while (liveFgsmBusy() && !signal.aborted) await sleep(16);
  if (insightKeyOf(useAppStore.getState(), false) !== key) throw new DOMException('The image or model changed', 'AbortError');
}

/** The lab's current perturbation when it comes from a finished attack other than FGSM (FGSM's is the default). */
function attackPerturbation(s: AppState): { delta: Float32Array; linf: number; what: string } | null {
  const o = s.outcome;
  if (!o || o.for !== attackKeyOf(s) || o.kind === 'fgsm' || o.norms.linf === 0) return null;
  const model = s.models.find((m) => m.id === s.selectedModelId)?.name ?? s.selectedModelId;
  return { delta: o.delta, linf: o.norms.linf, what: `${ATTACK_DESCRIPTORS[o.kind].label} on ${model}` };
}

/** The attack axis for one model: the lab's perturbation, or the model's own FGSM sign direction. New tensor. */
async function attackAxis(model: ModelFn, x: tf.Tensor4D, reference: number, perturbation: Float32Array | null): Promise<tf.Tensor4D> {
  if (perturbation) return tf.tensor4d(perturbation, [1, ...IMAGE_SHAPE]);
  return (await fgsmDirection(model, x, [reference], { norm: 'linf' })).direction;
}

export async function drawLandscape(): Promise<void> {
  const s = useAppStore.getState();
  const img = currentImage(s);
  const key = insightKeyOf(s, false);
  if (!img || key === null || s.backend.status !== 'ready') return;
  const perturbation = attackPerturbation(s);
  const fgsmAt = s.attackKind === 'fgsm' && s.configs.fgsm.norm === 'linf' && s.configs.fgsm.eps > 0 ? s.configs.fgsm.eps : FGSM_MARK;
  const models = comparedModels(s);
  const initial: LandscapeReadout = {
    for: key,
    status: 'running',
    progress: 0,
    reference: img.label ?? -1,
    maps: [],
    direction: perturbation
      ? `the lab's current perturbation (${perturbation.what}), the same axis for every model`
      : "each model's own FGSM direction (the sign of its loss gradient)",
    marker: perturbation
      ? `the lab's adversarial example, ${(perturbation.linf * 255).toFixed(1)}/255 along the axis`
      : `${ATTACK_DESCRIPTORS.fgsm.label} at ${+(fgsmAt * 255).toFixed(2)}/255`,
  };
  const keyNow = () => insightKeyOf(useAppStore.getState(), false);
  const update = keyedReadout(initial, key, keyNow, (r) => useAppStore.getState().setLandscape(r));
  await JOBS.landscape.run(key, {
    keyNow,
    work: async ({ signal }) => {
      update({});
      const x = imagesFromBytes(img.pixels, 1);
      try {
        for (const [i, m] of models.entries()) {
          const { modelFn } = await getModel(m.id);
          const reference = await referenceClass(modelFn, x, img.label);
          const axis = await attackAxis(modelFn, x, reference, perturbation?.delta ?? null);
          const plane = (() => {
            try {
              return planeDirections(axis, PLANE_SEED);
            } finally {
              axis.dispose();
            }
          })();
          try {
            const l = await computeLandscape(modelFn, x, plane, {
              ...LANDSCAPE_DEFAULTS,
              reference,
              signal,
              between: () => giveWay(signal, key),
              onProgress: (p) => update({ progress: (i + p) / models.length }),
            });
            const map: LandscapeMap = {
              modelId: m.id,
              name: m.name,
              size: l.size,
              radius: l.radius,
              pred: l.pred,
              confidence: l.confidence,
              lossAlong: l.lossAlong,
              adversarialAt: perturbation ? perturbation.linf : fgsmAt,
            };
            update({ maps: [...update({}).maps, map] });
          } finally {
            tf.dispose([plane.d1, plane.d2]);
          }
        }
      } finally {
        x.dispose();
      }
    },
    done: () => update({ status: 'done', progress: 1 }),
    cancelled: () => update({ status: 'cancelled' }),
    failed: (message) => update({ status: 'failed', message }),
  });
}

export function cancelLandscape(): void {
  JOBS.landscape.cancel();
}
