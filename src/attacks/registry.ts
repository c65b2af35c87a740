// kind -> attack: its descriptor (descriptors/) plus the code that runs it. The only place that dispatches on an
// attack's kind; the mapped types make a missing or mismatched entry a type error.
import type * as tf from '@tensorflow/tfjs';
import { autoPgd } from './apgd.ts';
import { carliniWagnerL2, fooledWithConfidence } from './carliniWagner.ts';
import type { AttackContext, AttackOutput } from './context.ts';
import { deepFool } from './deepfool.ts';
import type { AttackDescriptor } from './descriptor.ts';
import { ATTACK_DESCRIPTORS, ATTACK_KINDS } from './descriptors/index.ts';
import { fgsm } from './fgsm.ts';
import { projectedGradientDescent } from './pgd.ts';
import { squareAttack } from './square.ts';
import type { AttackKind, ConfigOf } from './types.ts';

export type AttackRun<K extends AttackKind> = (ctx: AttackContext, config: ConfigOf<K>) => Promise<AttackOutput>;

/** How an attack runs, beside its descriptor. */
interface AttackRunner<K extends AttackKind> {
  run: AttackRun<K>;
  /** Its first step is the cross-entropy gradient at x itself: runAttack's clean pass computes it (ctx.cleanGradient). */
  startsAtX?(config: ConfigOf<K>): boolean;
  /** It works on every image, even one x itself fools already, since its result is the best point it reaches. */
  attacksEveryImage?: boolean;
  /** Per image, whether logits fool the model by this attack's rule; default isAdversarial. In tf.tidy. */
  fooled?(config: ConfigOf<K>, logits: tf.Tensor2D, ref: tf.Tensor1D, targeted: boolean): tf.Tensor1D;
}

export interface AttackDefinition<K extends AttackKind> extends AttackDescriptor<ConfigOf<K>>, AttackRunner<K> {}

const RUNNERS: { [K in AttackKind]: AttackRunner<K> } = {
  // FGSM is a PGD step: PGD's rule.
  fgsm: { run: fgsm, startsAtX: (c) => c.eps > 0, attacksEveryImage: true },
  pgd: {
    run: (ctx, { kind: _, ...params }) => projectedGradientDescent(ctx, params),
    startsAtX: (c) => c.eps > 0 && !c.randomStart,
    attacksEveryImage: true,
  },
  apgd: { run: (ctx, { kind: _, ...params }) => autoPgd(ctx, params), attacksEveryImage: true },
  square: { run: (ctx, { kind: _, ...params }) => squareAttack(ctx, params) },
  deepfool: { run: deepFool },
  // An image fooled without the required confidence is searched on.
  cw: { run: carliniWagnerL2, fooled: (c, logits, ref, targeted) => fooledWithConfidence(logits, ref, targeted, c.confidence) },
};

export const ATTACKS = Object.freeze(Object.fromEntries(ATTACK_KINDS.map((k) => [k, { ...ATTACK_DESCRIPTORS[k], ...RUNNERS[k] }]))) as {
  readonly [K in AttackKind]: AttackDefinition<K>;
};

export function getAttack<K extends AttackKind>(kind: K): AttackDefinition<K> {
  return ATTACKS[kind];
}
