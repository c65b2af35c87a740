// The smallest L-infinity eps at which PGD succeeds for one image, to 0.25/255, by bisection over the grid
// k * 0.25/255: the "distance to the boundary" readout beside DeepFool's and C&W's L2.
// PGD per probe: `steps` steps of 2.5 * eps / steps (Madry's rule; 2/255 at 8/255 with 10 steps).
import { pgdEvaluation } from './pgdEvaluation.ts';
import type * as tf from '@tensorflow/tfjs';
import { runAttack } from './runAttack.ts';
import type { ModelFn } from './types.ts';
import { AttackConfigError, AttackInputError } from './validate.ts';

export const MINIMAL_EPSILON_RESOLUTION = 0.25 / 255;

export interface MinimalEpsilonOptions {
  /** Upper end of the search (default 32/255). */
  maxEps?: number;
  steps?: number;
  restarts?: number;
  randomStart?: boolean;
  target?: number;
  signal?: AbortSignal;
  seed?: number;
  /** Called after each PGD run. */
  onProbe?: (probe: { eps: number; success: boolean }) => void;
}

export interface MinimalEpsilonResult {
  /** Smallest eps found (a multiple of 0.25/255); null when PGD fails even at maxEps. */
  eps: number | null;
  /** The adversarial example at that eps (caller disposes), or null. */
  adversarial: tf.Tensor4D | null;
  probes: { eps: number; success: boolean }[];
  elapsedMs: number;
}

export async function minimalEpsilon(
  model: ModelFn,
  x: tf.Tensor4D,
  label: number,
  options: MinimalEpsilonOptions = {},
): Promise<MinimalEpsilonResult> {
  const startedAt = performance.now();
  if (x.rank !== 4 || x.shape[0] !== 1) throw new AttackInputError(`minimalEpsilon takes one image, shape [1,h,w,c]; got [${x.shape.join(', ')}]`);
  const maxEps = options.maxEps ?? 32 / 255;
  const steps = options.steps ?? 10;
  if (!(Number.isFinite(maxEps) && maxEps >= MINIMAL_EPSILON_RESOLUTION && maxEps <= 1)) {
    throw new AttackConfigError('maxEps', `must be in [${MINIMAL_EPSILON_RESOLUTION}, 1] (got ${maxEps})`);
  }
  const probes: { eps: number; success: boolean }[] = [];
  let adversarial: tf.Tensor4D | null = null;
  const probe = async (k: number): Promise<boolean> => {
    const eps = k * MINIMAL_EPSILON_RESOLUTION;
    const r = await runAttack(
      model,
      x,
      [label],
      pgdEvaluation(eps, { steps, randomStart: options.randomStart ?? false, restarts: options.restarts ?? 1 }),
      { target: options.target === undefined ? undefined : [options.target], signal: options.signal, seed: options.seed },
    );
    const success = r.success[0]!;
    if (success) {
      adversarial?.dispose();
      adversarial = r.adversarial;
    } else {
      r.adversarial.dispose();
    }
    probes.push({ eps, success });
    options.onProbe?.({ eps, success });
    return success;
  };
  try {
    let hi = Math.floor(maxEps / MINIMAL_EPSILON_RESOLUTION + 1e-9);
    let eps: number | null = null;
    if (await probe(0)) {
      eps = 0;
    } else if (await probe(hi)) {
      // Invariant: PGD fails at lo and succeeds at hi.
      let lo = 0;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (await probe(mid)) hi = mid;
        else lo = mid;
      }
      eps = hi * MINIMAL_EPSILON_RESOLUTION;
    }
    const out: MinimalEpsilonResult = { eps, adversarial, probes, elapsedMs: performance.now() - startedAt };
    adversarial = null;
    return out;
  } finally {
    (adversarial as tf.Tensor4D | null)?.dispose();
  }
}
