// DeepFool (Moosavi-Dezfooli et al. 2016) as foolbox defines it, on logits: untargeted, no eps budget.
import type { AttackDescriptor } from '../descriptor.ts';
import { NORM, steps } from '../parameters.ts';
import { FOOLBOX_MODEL, num } from '../python.ts';
import type { DeepFoolConfig } from '../catalogTypes.ts';

export const DEEPFOOL: AttackDescriptor<DeepFoolConfig> = {
  kind: 'deepfool',
  name: 'DeepFool',
  label: 'DeepFool',
  targeted: false,
  fixedEps: false,
  // foolbox L2DeepFoolAttack: 50 steps, candidates 10, overshoot 0.02.
  defaults: { kind: 'deepfool', norm: 'l2', steps: 50, overshoot: 0.02, candidates: 10 },
  capped: { steps: 2 },
  parameters: {
    norm: NORM,
    steps: steps(100, 'Largest number of linearisation steps'),
    overshoot: {
      type: 'number',
      label: 'Overshoot',
      description: 'Extra push past the estimated boundary, applied to the total perturbation',
      unit: '',
      scale: 1,
      min: 0,
      max: 0.2,
      step: 0.01,
      integer: false,
      limit: { min: 0, max: 10 },
    },
    candidates: {
      type: 'number',
      label: 'Candidate classes',
      description: 'Top classes of the clean logits considered as the next class',
      unit: 'classes',
      scale: 1,
      min: 2,
      max: 10,
      step: 1,
      integer: true,
      limit: { min: 2, max: 1000 },
    },
  },
  python: (c) => [
    ...FOOLBOX_MODEL,
    `attack = fb.attacks.${c.norm === 'linf' ? 'LinfDeepFoolAttack' : 'L2DeepFoolAttack'}` +
      `(steps=${c.steps}, candidates=${c.candidates}, overshoot=${num(c.overshoot)}, loss="logits")`,
    '_, adv_images, success = attack(fmodel, images, labels, epsilons=None)',
  ],
};
