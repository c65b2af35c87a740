// runAttack: validates, runs the registered attack, and builds the per-image result.
import * as tf from '@tensorflow/tfjs';
import { cleanPass } from './cleanPass.ts';
import type { AttackContext } from './context.ts';
import { Progress } from './progress.ts';
import { getAttack, type AttackDefinition } from './registry.ts';
import { buildResult } from './result.ts';
import { isAdversarial } from './isAdversarial.ts';
import { readFlags, seededRandom, throwIfAborted } from '../lib/index.ts';
import type { AttackConfig, AttackKind, AttackOptions, AttackResult, ModelFn } from './types.ts';
import { AttackConfigError, AttackInputError, validateClasses, validateConfig } from './validate.ts';
import { validateInput } from './validateInput.ts';

/**
 * Runs an attack on a batch. x: [n,h,w,c] pixels in [0,1] (owned by the caller, never changed or disposed);
 * labels: the reference class per image (the true label, or the clean prediction when unknown).
 * Resolves with per-image results and a new `adversarial` tensor the caller must dispose.
 * Rejects with a RangeError naming the field for a bad config or target, an AttackInputError for a bad
 * batch, and an AbortError when options.signal fires (checked between steps).
 */
export async function runAttack(
  model: ModelFn,
  x: tf.Tensor4D,
  labels: number[],
  config: AttackConfig,
  options: AttackOptions = {},
): Promise<AttackResult> {
  const startedAt = performance.now();
  validateConfig(config);
  const attack = getAttack(config.kind);
  if (options.target !== undefined && !attack.targeted) {
    throw new AttackConfigError('target', `${attack.name} is untargeted only`);
  }
  throwIfAborted(options.signal);
  await validateInput(x, labels);
  const n = x.shape[0];
  const startsAtX = (attack.startsAtX as ((c: AttackConfig) => boolean) | undefined)?.(config) ?? false;
  const { logits: cleanLogits, grad: cleanGradient } = cleanPass(model, x, options.target ?? labels, startsAtX);
  let ref: tf.Tensor1D | null = null;
  try {
    if (cleanLogits.rank !== 2 || cleanLogits.shape[0] !== n) {
      throw new AttackInputError(`the model must return logits of shape [${n}, classes]; it returned [${cleanLogits.shape.join(', ')}]`);
    }
    const numClasses = cleanLogits.shape[1];
    validateClasses(labels, options.target, numClasses);
    const targeted = options.target !== undefined;
    ref = tf.tensor1d(options.target ?? labels, 'int32');
    const ctx: AttackContext = {
      model,
      x,
      n,
      numClasses,
      ref,
      targeted,
      cleanLogits,
      cleanGradient,
      standing: await standingAtX(attack, config, cleanLogits, ref, targeted),
      progress: new Progress(n, options.signal, options.onStep),
      random: seededRandom(options.seed),
    };
    const out = await (attack.run as (c: AttackContext, cfg: AttackConfig) => ReturnType<typeof attack.run>)(ctx, config);
    try {
      return await buildResult(ctx, out, startedAt);
    } catch (e) {
      out.adversarial.dispose();
      throw e;
    }
  } finally {
    cleanLogits.dispose();
    cleanGradient?.dispose();
    ref?.dispose();
  }
}

/** Per image, whether the attack works on it: x itself does not fool the model by the attack's rule. */
async function standingAtX(
  attack: AttackDefinition<AttackKind>,
  config: AttackConfig,
  cleanLogits: tf.Tensor2D,
  ref: tf.Tensor1D,
  targeted: boolean,
): Promise<boolean[]> {
  if (attack.attacksEveryImage) return new Array<boolean>(cleanLogits.shape[0]).fill(true);
  const fooled = attack.fooled as ((c: AttackConfig, z: tf.Tensor2D, r: tf.Tensor1D, t: boolean) => tf.Tensor1D) | undefined;
  const flags = tf.tidy(() => (fooled ? fooled(config, cleanLogits, ref, targeted) : isAdversarial(cleanLogits, ref, targeted)));
  return (await readFlags(flags)).map((f) => !f);
}
