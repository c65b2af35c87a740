// PGD (Madry et al. 2018): steps of stepSize from a random start, projected onto the eps-ball and [0,1].
import type { AttackDescriptor } from '../descriptor.ts';
import { EPS, NORM, STEP_SIZE, steps } from '../parameters.ts';
import { inNorm, py, torchattacksTarget } from '../python.ts';
import type { PgdConfig } from '../catalogTypes.ts';

export const PGD: AttackDescriptor<PgdConfig> = {
  kind: 'pgd',
  name: 'PGD',
  label: 'PGD',
  targeted: true,
  fixedEps: true,
  // torchattacks' defaults: 10 steps of 2/255 within 8/255, random start.
  defaults: { kind: 'pgd', norm: 'linf', eps: 8 / 255, steps: 10, stepSize: 2 / 255, randomStart: true, restarts: 1 },
  byNorm: { linf: { eps: 8 / 255, stepSize: 2 / 255 }, l2: { eps: 0.5, stepSize: 0.1 } },
  randomStart: (c) => c.randomStart && c.eps > 0,
  capped: { steps: 3 },
  parameters: {
    norm: NORM,
    eps: EPS,
    steps: steps(200, 'Number of gradient steps'),
    stepSize: STEP_SIZE,
    randomStart: { type: 'boolean', label: 'Random start', description: 'Start from a random point in the epsilon-ball instead of the image' },
    restarts: {
      type: 'number',
      label: 'Restarts',
      description: 'Independent runs; the best result per image is kept',
      unit: 'runs',
      scale: 1,
      min: 1,
      max: 10,
      step: 1,
      integer: true,
      limit: { min: 1, max: 1000 },
    },
  },
  python: (c, target) => [
    'import torchattacks',
    `atk = torchattacks.${c.norm === 'linf' ? 'PGD' : 'PGDL2'}(model, eps=${inNorm(c.norm, c.eps)}, alpha=${inNorm(c.norm, c.stepSize)}, ` +
      `steps=${c.steps}, random_start=${py(c.randomStart)})`,
    ...torchattacksTarget('atk', target),
    ...(c.restarts > 1 ? [`atk = torchattacks.MultiAttack([atk] * ${c.restarts})  # restarts: keep the first success per image`] : []),
    'adv_images = atk(images, labels)',
  ],
};
