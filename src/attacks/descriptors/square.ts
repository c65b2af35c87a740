// Square Attack (Andriushchenko et al. 2020): random square windows of +-eps, kept where the loss falls; no gradients.
import type { AttackDescriptor } from '../descriptor.ts';
import { EPS, NORM } from '../parameters.ts';
import { inNorm, torchattacksTarget } from '../python.ts';
import type { SquareConfig } from '../catalogTypes.ts';

export const SQUARE: AttackDescriptor<SquareConfig> = {
  kind: 'square',
  name: 'Square Attack',
  label: 'Square',
  targeted: true,
  fixedEps: true,
  // AutoAttack's p_init; 1,000 queries (AutoAttack spends 5,000) keeps a run in class time.
  defaults: { kind: 'square', norm: 'linf', eps: 8 / 255, queries: 1000, pInit: 0.8 },
  byNorm: { linf: { eps: 8 / 255 }, l2: { eps: 0.5 } },
  randomStart: (c) => c.eps > 0,
  counts: 'queries',
  capped: { queries: 20 },
  parameters: {
    norm: NORM,
    eps: EPS,
    queries: {
      type: 'number',
      label: 'Queries',
      description: 'Forward passes allowed per image (the starting stripes count as one); the attack sees only the logits',
      unit: 'queries',
      scale: 1,
      min: 10,
      max: 5000,
      step: 10,
      integer: true,
      limit: { min: 1, max: 1_000_000 },
    },
    pInit: {
      type: 'number',
      label: 'Window share',
      description: 'The share of the image the first windows cover (p_init); it halves on a fixed schedule as queries are spent',
      unit: 'of the image',
      scale: 1,
      min: 0.01,
      max: 1,
      step: 0.01,
      integer: false,
      limit: { min: 0.0001, max: 1 },
    },
  },
  // torchattacks' Square takes a target like its other attacks; with loss='ce' it then lowers the target's
  // cross-entropy, as Epsilon's targeted Square does (untargeted, both lower the margin).
  python: (c, target) => [
    'import torchattacks',
    `atk = torchattacks.Square(model, norm='${c.norm === 'linf' ? 'Linf' : 'L2'}', eps=${inNorm(c.norm, c.eps)}, n_queries=${c.queries}, ` +
      `p_init=${c.pInit}, n_restarts=1, loss='${target === null ? 'margin' : 'ce'}', seed=0)`,
    ...torchattacksTarget('atk', target),
    'adv_images = atk(images, labels)',
  ],
};
