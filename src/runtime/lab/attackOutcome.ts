// Turns tensors from the attack engine into the plain AttackOutcome the store keeps.
import * as tf from '@tensorflow/tfjs';
import { quantize } from '../../lib/index.ts';
import { drawsRandomStart, perturbationNorms, type AttackConfig, type AttackStep, type ModelFn } from '../../attacks/index.ts';
import type { AttackOutcome } from '../../state/attackSlice.ts';
import { toPrediction } from '../../state/labSlice.ts';
import { isSuccess, verdictOf } from '../../state/verdict.ts';
import { NUM_CLASSES } from '../../data/cifar10.ts';

/** The model's class for one image. */
async function predictedClass(model: ModelFn, x: tf.Tensor4D): Promise<number> {
  const pred = tf.tidy(() => tf.argMax(model(x), 1));
  try {
    return (await pred.data())[0]!;
  } finally {
    pred.dispose();
  }
}

/** The class an untargeted attack moves away from: the true label when known, else the model's prediction. */
export async function referenceClass(model: ModelFn, x: tf.Tensor4D, label: number | null): Promise<number> {
  return label ?? predictedClass(model, x);
}

/** Where an attack on one image starts from. */
export interface AttackStart {
  /** The model's prediction on the clean image. */
  cleanPred: number;
  /** The class the attack moves away from (the engine's label). */
  reference: number;
  /** A targeted attack whose goal the model already says: there is nothing to attack. */
  nothingToDo: boolean;
}

/**
 * The reference is the true label when known, else the model's prediction. A goal equal to the image's own class
 * asks for the model to be made right: the attack then moves away from what the model says instead.
 */
export async function attackStart(model: ModelFn, x: tf.Tensor4D, label: number | null, target: number | null): Promise<AttackStart> {
  const cleanPred = await predictedClass(model, x);
  const truth = label ?? cleanPred;
  if (target === null) return { cleanPred, reference: truth, nothingToDo: false };
  return { cleanPred, reference: target === truth ? cleanPred : truth, nothingToDo: cleanPred === target };
}

/** Probabilities of x and of its 8-bit quantised copy, in one batch. */
async function probsWithQuantized(model: ModelFn, adv: tf.Tensor4D): Promise<[number[], number[]]> {
  const probs = tf.tidy(() => tf.softmax(model(tf.concat([adv, quantize(adv)], 0) as tf.Tensor4D)));
  try {
    const d = await probs.data();
    return [Array.from(d.subarray(0, NUM_CLASSES)), Array.from(d.subarray(NUM_CLASSES, 2 * NUM_CLASSES))];
  } finally {
    probs.dispose();
  }
}

export interface OutcomeInput {
  key: string;
  config: AttackConfig;
  model: ModelFn;
  x: tf.Tensor4D;
  adversarial: tf.Tensor4D;
  /** The image's true class when known (gallery), else null. */
  label: number | null;
  /** The model's prediction on the clean image. */
  cleanPred: number;
  /** The class a targeted attack aims at; null when untargeted. */
  target: number | null;
  /** The random start's draw, where the attack has one. */
  seed?: number;
  steps: number;
  elapsedMs: number;
  trajectory: AttackStep[];
  /** Live FGSM: the direction's key (liveKeyOf). */
  liveFor?: string;
}

export async function buildOutcome(i: OutcomeInput): Promise<AttackOutcome> {
  const startedAt = performance.now();
  const [advData, xData, [norms], [probs, qProbs]] = await Promise.all([
    i.adversarial.data() as Promise<Float32Array>,
    i.x.data() as Promise<Float32Array>,
    perturbationNorms(i.x, i.adversarial),
    probsWithQuantized(i.model, i.adversarial),
  ]);
  const delta = new Float32Array(advData.length);
  for (let k = 0; k < delta.length; k++) delta[k] = advData[k]! - xData[k]!;
  const prediction = toPrediction(probs);
  const quantized = toPrediction(qProbs);
  const verdictFor = (advPred: number) => verdictOf({ label: i.label, cleanPred: i.cleanPred, advPred, target: i.target });
  const verdict = verdictFor(prediction.pred);
  const quantizedVerdict = verdictFor(quantized.pred);
  return {
    for: i.key,
    kind: i.config.kind,
    config: i.config,
    adversarial: advData,
    delta,
    prediction,
    verdict,
    success: isSuccess(verdict),
    target: i.target,
    ...(i.seed !== undefined && drawsRandomStart(i.config) ? { seed: i.seed } : {}),
    norms: norms!,
    steps: i.steps,
    // A live FGSM update is the forward pass made here: its time counts.
    elapsedMs: i.elapsedMs + (i.liveFor !== undefined ? performance.now() - startedAt : 0),
    trajectory: i.trajectory,
    quantized,
    quantizedVerdict,
    quantizedSuccess: isSuccess(quantizedVerdict),
    ...(i.liveFor !== undefined ? { live: true, liveFor: i.liveFor } : {}),
  };
}
