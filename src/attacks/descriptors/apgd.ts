// Auto-PGD (Croce and Hein 2020): momentum, and a step size that halves when progress stalls; no step size.
import type { AttackDescriptor } from '../descriptor.ts';
import { EPS, NORM, steps } from '../parameters.ts';
import { inNorm } from '../python.ts';
import type { ApgdConfig } from '../catalogTypes.ts';
import { APGD_T_CLASSES } from '../apgdAims.ts';

export const APGD: AttackDescriptor<ApgdConfig> = {
  kind: 'apgd',
  name: 'Auto-PGD',
  label: 'APGD',
  targeted: true,
  fixedEps: true,
  // AutoAttack's standard run: 100 steps, one restart, cross-entropy first (APGD-CE).
  defaults: { kind: 'apgd', norm: 'linf', eps: 8 / 255, steps: 100, loss: 'ce', restarts: 1 },
  byNorm: { linf: { eps: 8 / 255 }, l2: { eps: 0.5 } },
  randomStart: (c) => c.eps > 0,
  capped: { steps: 3 },
  parameters: {
    norm: NORM,
    eps: EPS,
    steps: steps(200, 'Number of gradient steps; the step size halves at checkpoints where the loss stalls'),
    loss: {
      type: 'choice',
      label: 'Loss',
      description: 'What the steps increase: cross-entropy, or the difference of logits ratio (scale-free)',
      options: ['ce', 'dlr', 'dlr-t'],
      optionLabels: {
        ce: 'Cross-entropy (APGD-CE)',
        dlr: 'Difference of logits ratio (APGD-DLR)',
        'dlr-t': `DLR aimed at the top ${APGD_T_CLASSES} other classes in turn (APGD-T)`,
      },
    },
    restarts: {
      type: 'number',
      label: 'Restarts',
      description: 'Independent runs from new random starts; the best result per image is kept',
      unit: 'runs',
      scale: 1,
      min: 1,
      max: 10,
      step: 1,
      integer: true,
      limit: { min: 1, max: 1000 },
    },
  },
  // torchattacks' APGD is untargeted; its APGDT targets the top classes in turn (AutoAttack's APGD-T), not one class.
  python: (c, target) => {
    const ball = `norm='${c.norm === 'linf' ? 'Linf' : 'L2'}', eps=${inNorm(c.norm, c.eps)}`;
    return c.loss === 'dlr-t' && target === null
      ? [
          // AutoAttack's own APGD-T takes the number of classes to aim at (torchattacks' APGDT aims at all nine).
          'from autoattack.autopgd_base import APGDAttack_targeted',
          `atk = APGDAttack_targeted(model, ${ball}, n_iter=${c.steps}, n_restarts=${c.restarts}, n_target_classes=${APGD_T_CLASSES}, seed=0)`,
          'adv_images = atk.perturb(images, labels)',
        ]
      : [
          'import torchattacks',
          ...(target === null
            ? [`atk = torchattacks.APGD(model, ${ball}, steps=${c.steps}, n_restarts=${c.restarts}, loss='${c.loss}', seed=0)`]
            : [
                `# targeted at class ${target} here; torchattacks' APGDT tries the top other classes in turn instead`,
                `atk = torchattacks.APGDT(model, ${ball}, steps=${c.steps}, n_restarts=${c.restarts}, n_classes=10, seed=0)`,
              ]),
          'adv_images = atk(images, labels)',
        ];
  },
};
