// FGSM (Goodfellow et al. 2015) is one PGD step of size eps from x itself:
// x + eps * sign(grad) for linf, x + eps * grad/||grad||_2 for l2, clipped to [0,1]; targeted steps against
// the gradient of the target's loss.
import type { AttackContext, AttackOutput } from './context.ts';
import { projectedGradientDescent } from './pgd.ts';
import type { FgsmConfig } from './types.ts';

export function fgsm(ctx: AttackContext, config: FgsmConfig): Promise<AttackOutput> {
  return projectedGradientDescent(ctx, { norm: config.norm, eps: config.eps, steps: 1, stepSize: config.eps, randomStart: false, restarts: 1 });
}
