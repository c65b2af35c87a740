// Accuracy against epsilon (L-infinity: FGSM, PGD or AutoAttack's order) for several models on one labelled set:
// the plot an instructor draws on the board. FGSM takes one gradient per image and re-evaluates along it for every
// eps (exactly FGSM at each eps); PGD runs the engine at every eps, step 2.5 eps / steps (Madry et al.); AutoAttack
// runs the reliable figure's stages (APGD-CE, APGD-T, Square) at every eps on the images no smaller eps fooled.
import * as tf from '@tensorflow/tfjs';
import { fgsmDirection, pgdEvaluation, predictAlong, runAttack, type ModelFn } from '../attacks/index.ts';
import { throwIfAborted, yieldToEventLoop } from '../lib/index.ts';
import { forEachChunk } from './chunks.ts';
import { evaluate } from './evaluate.ts';
import { reliableStages, worstCase } from './reliableFigure.ts';
import { withInferenceFn, type Classifier } from '../model/modelFns.ts';
import type { CurveAttack } from './catalog.ts';

export interface NamedClassifier {
  name: string;
  model: Classifier;
}

/** The curve's attacks. */

export interface RobustnessCurveOptions {
  attack: CurveAttack;
  /** Ascending, in [0,1]; default 0, 1, 2, ..., 16 (/255). */
  epsilons?: readonly number[];
  /** PGD steps (default 10) and restarts (default 1). */
  steps?: number;
  restarts?: number;
  /** Images per attack call (default 100). */
  batchSize?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: RobustnessCurveProgress) => void;
  /** Called with each model's curve as soon as it is measured, so a cancelled job keeps what it finished. */
  onCurve?: (curve: RobustnessCurve['curves'][number]) => void;
}

export interface RobustnessCurveProgress {
  /** Fraction of the whole job done, in [0,1]. */
  fraction: number;
  model: string;
  /** The eps just measured (for FGSM, every eps of the chunk at once: the largest). */
  eps: number;
}

export interface RobustnessCurve {
  attack: CurveAttack;
  epsilons: number[];
  curves: {
    name: string;
    /**
     * Per eps: the fraction of images that no attack at this eps or any smaller one fooled. The eps-ball
     * holds the smaller balls, so this is the honest (and monotone) estimate of accuracy.
     */
    accuracy: number[];
    /**
     * Per eps: accuracy under the attack run at that eps alone (FGSM may rise with eps: gradient masking). AutoAttack
     * runs only on what no smaller eps fooled, so for it this is the same as `accuracy`.
     */
    rawAccuracy: number[];
  }[];
}

export const DEFAULT_CURVE_EPSILONS: readonly number[] = Object.freeze(Array.from({ length: 17 }, (_, i) => i / 255));

/** Per eps, per image of the chunk: correct under the attack at that eps. */
async function chunkCorrectness(
  f: ModelFn,
  x: tf.Tensor4D,
  labels: number[],
  epsilons: readonly number[],
  o: RobustnessCurveOptions,
  seed: number,
  done: (eps: number) => void,
): Promise<boolean[][]> {
  if (o.attack === 'fgsm') {
    const { direction } = await fgsmDirection(f, x, labels, { norm: 'linf' });
    try {
      const out: boolean[][] = [];
      for (const eps of epsilons) {
        const { pred } = await predictAlong(f, x, direction, eps);
        out.push(pred.map((p, i) => p === labels[i]));
      }
      done(epsilons[epsilons.length - 1]!);
      return out;
    } finally {
      direction.dispose();
    }
  }
  if (o.attack === 'autoattack') {
    const standing = [...(await evaluate(f, x, labels, { batchSize: x.shape[0], signal: o.signal })).correct];
    const out: boolean[][] = [];
    for (const [e, eps] of epsilons.entries()) {
      if (eps > 0) await worstCase(f, x, labels, standing, reliableStages(eps), { batchSize: x.shape[0], seed: seed + 7919 * e, signal: o.signal });
      out.push([...standing]);
      done(eps);
      await yieldToEventLoop();
    }
    return out;
  }
  const steps = o.steps ?? 10;
  const out: boolean[][] = [];
  for (const eps of epsilons) {
    throwIfAborted(o.signal);
    const r = await runAttack(f, x, labels, pgdEvaluation(eps, { steps, restarts: o.restarts ?? 1 }), { seed, signal: o.signal });
    r.adversarial.dispose();
    out.push(r.advPred.map((p, i) => p === labels[i]));
    done(eps);
    await yieldToEventLoop();
  }
  return out;
}

/** rows[e][i]: image i of the whole set correct under the attack at epsilons[e], chunk by chunk. */
async function correctness(
  f: ModelFn,
  data: { x: tf.Tensor4D; labels: readonly number[] },
  epsilons: readonly number[],
  o: RobustnessCurveOptions,
  done: (eps: number) => void,
): Promise<boolean[][]> {
  const rows: boolean[][] = epsilons.map(() => []);
  await forEachChunk(data.x, data.labels, o.batchSize ?? 100, o.signal, async (x, labels, start) => {
    const chunk = await chunkCorrectness(f, x, labels, epsilons, o, (o.seed ?? 0) + start, done);
    chunk.forEach((c, e) => rows[e]!.push(...c));
  });
  return rows;
}

/** Raw accuracy per eps, and the cumulative one: robust at eps only if robust at every smaller eps too. */
function accuracies(rows: boolean[][]): { accuracy: number[]; rawAccuracy: number[] } {
  const n = rows[0]?.length ?? 0;
  const robust = new Array<boolean>(n).fill(true);
  const accuracy: number[] = [];
  const rawAccuracy: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => (robust[i] = robust[i]! && c));
    accuracy.push(n === 0 ? 0 : robust.filter(Boolean).length / n);
    rawAccuracy.push(n === 0 ? 0 : row.filter(Boolean).length / n);
  }
  return { accuracy, rawAccuracy };
}

/** Rejects with an AbortError when options.signal fires (checked between attack steps and chunks). */
export async function robustnessCurve(
  models: readonly NamedClassifier[],
  data: { x: tf.Tensor4D; labels: readonly number[] },
  options: RobustnessCurveOptions,
): Promise<RobustnessCurve> {
  const epsilons = [...(options.epsilons ?? DEFAULT_CURVE_EPSILONS)];
  if (epsilons.some((e, i) => !(e >= 0 && e <= 1) || (i > 0 && e < epsilons[i - 1]!))) {
    throw new RangeError('epsilons: must be ascending values in [0, 1]');
  }
  const n = data.x.shape[0];
  if (data.labels.length !== n) throw new RangeError(`labels: ${data.labels.length} for ${n} images`);
  const size = Math.max(1, options.batchSize ?? 100);
  const chunks = Math.ceil(n / size);
  const unitsPerChunk = options.attack === 'fgsm' ? 1 : epsilons.length;
  const totalUnits = Math.max(1, models.length * chunks * unitsPerChunk);
  let doneUnits = 0;
  const done = (name: string) => (eps: number) => {
    doneUnits++;
    options.onProgress?.({ fraction: doneUnits / totalUnits, model: name, eps });
  };
  const curves: RobustnessCurve['curves'] = [];
  for (const { name, model } of models) {
    const rows = await withInferenceFn(model, (f) => correctness(f, data, epsilons, options, done(name)));
    const curve = { name, ...accuracies(rows) };
    curves.push(curve);
    options.onCurve?.(curve);
  }
  return { attack: options.attack, epsilons, curves };
}
