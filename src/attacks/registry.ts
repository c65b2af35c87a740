// kind -> attack. The only place that dispatches on an attack's kind.
import { carliniWagnerL2 } from './carliniWagner.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { deepFool } from './deepfool.ts';
import { fgsm } from './fgsm.ts';
import { projectedGradientDescent } from './pgd.ts';
import type { AttackKind, ConfigOf } from './types.ts';

export interface AttackDefinition<K extends AttackKind> {
  kind: K;
  name: string;
  /** Accepts options.target. */
  targeted: boolean;
  /** Has an eps budget: results stay inside the eps-ball, and eps = 0 returns x. */
  fixedEps: boolean;
  run(ctx: AttackContext, config: ConfigOf<K>): Promise<AttackOutput>;
  /** Its first step is the cross-entropy gradient at x itself: runAttack's clean pass computes it (ctx.cleanGradient). */
  startsAtX?(config: ConfigOf<K>): boolean;
}

export const ATTACKS: { [K in AttackKind]: AttackDefinition<K> } = {
  fgsm: { kind: 'fgsm', name: 'FGSM', targeted: true, fixedEps: true, run: fgsm, startsAtX: (c) => c.eps > 0 },
  pgd: { kind: 'pgd', name: 'PGD', targeted: true, fixedEps: true, run: (ctx, { kind: _, ...params }) => projectedGradientDescent(ctx, params), startsAtX: (c) => c.eps > 0 && !c.randomStart },
  deepfool: { kind: 'deepfool', name: 'DeepFool', targeted: false, fixedEps: false, run: deepFool },
  cw: { kind: 'cw', name: 'Carlini-Wagner L2', targeted: true, fixedEps: false, run: carliniWagnerL2 },
};

export const ATTACK_KINDS: readonly AttackKind[] = Object.freeze(Object.keys(ATTACKS) as AttackKind[]);

export function getAttack<K extends AttackKind>(kind: K): AttackDefinition<K> {
  return ATTACKS[kind];
}
