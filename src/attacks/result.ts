// Turns an attack's output into the per-image AttackResult (predictions, probabilities, success, norms).
import * as tf from '@tensorflow/tfjs';
import type { AttackContext, AttackOutput } from './context.ts';
import { isAdversarial } from './isAdversarial.ts';
import { perturbationNormsTensor } from './norms.ts';
import type { AttackResult } from './types.ts';

function rows(data: ArrayLike<number>, n: number, width: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, j) => data[i * width + j]!));
}

export async function buildResult(ctx: AttackContext, out: AttackOutput, startedAt: number): Promise<AttackResult> {
  const { n, numClasses } = ctx;
  const advLogits = out.advLogits ?? tf.tidy(() => ctx.model(out.adversarial));
  const t = tf.tidy(() => ({
    cleanProbs: tf.softmax(ctx.cleanLogits),
    advProbs: tf.softmax(advLogits),
    cleanPred: tf.argMax(ctx.cleanLogits, 1),
    advPred: tf.argMax(advLogits, 1),
    success: isAdversarial(advLogits, ctx.ref, ctx.targeted),
    norms: perturbationNormsTensor(ctx.x, out.adversarial),
  }));
  try {
    const [cleanProbs, advProbs, cleanPred, advPred, success, norms] = await Promise.all([
      t.cleanProbs.data(),
      t.advProbs.data(),
      t.cleanPred.data(),
      t.advPred.data(),
      t.success.data(),
      t.norms.data(),
    ]);
    return {
      adversarial: out.adversarial,
      success: Array.from(success, (v) => v !== 0),
      cleanPred: Array.from(cleanPred),
      advPred: Array.from(advPred),
      cleanProbs: rows(cleanProbs, n, numClasses),
      advProbs: rows(advProbs, n, numClasses),
      norms: rows(norms, n, 3).map(([l0, l2, linf]) => ({ l0: l0!, l2: l2!, linf: linf! })),
      steps: out.steps,
      trajectory: ctx.progress.trajectory,
      elapsedMs: performance.now() - startedAt,
      gradientEvaluations: out.gradientEvaluations,
    };
  } finally {
    advLogits.dispose();
    Object.values(t).forEach((v) => v.dispose());
  }
}
