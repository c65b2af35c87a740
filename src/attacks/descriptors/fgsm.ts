// FGSM (Goodfellow et al. 2015): one step of size eps along the loss gradient's sign (linf) or direction (l2).
import type { AttackDescriptor } from '../descriptor.ts';
import { EPS, NORM } from '../parameters.ts';
import { FOOLBOX_MODEL, f255, foolboxCriterion, num, torchattacksTarget } from '../python.ts';
import type { FgsmConfig } from '../catalogTypes.ts';

export const FGSM: AttackDescriptor<FgsmConfig> = {
  kind: 'fgsm',
  name: 'FGSM',
  label: 'FGSM',
  targeted: true,
  fixedEps: true,
  defaults: { kind: 'fgsm', norm: 'linf', eps: 8 / 255 },
  byNorm: { linf: { eps: 8 / 255 }, l2: { eps: 0.5 } },
  capped: {},
  parameters: { norm: NORM, eps: EPS },
  // torchattacks has L-infinity FGSM only; foolbox has the L2 one.
  python: (c, target) =>
    c.norm === 'linf'
      ? [
          'import torchattacks',
          `atk = torchattacks.FGSM(model, eps=${f255(c.eps)})`,
          ...torchattacksTarget('atk', target),
          'adv_images = atk(images, labels)',
        ]
      : [
          ...FOOLBOX_MODEL,
          'attack = fb.attacks.L2FastGradientAttack()',
          `criterion = ${foolboxCriterion(target)}`,
          `_, adv_images, success = attack(fmodel, images, criterion, epsilons=${num(c.eps)})`,
        ],
};
