// "Copy as Python": the same attack, with the same parameters and scale, for a notebook.
import type { AttackConfig } from '../../attacks/types.ts';

const f255 = (v: number) => {
  const n = Number((v * 255).toPrecision(6));
  return Number.isInteger(n) ? `${n}/255` : String(Number(v.toPrecision(6)));
};
const num = (v: number) => String(Number(v.toPrecision(6)));
const py = (b: boolean) => (b ? 'True' : 'False');

/**
 * torchattacks where it has the attack with these semantics (FGSM, PGD, PGD-L2, C&W), foolbox for the
 * rest (L2 FGSM, DeepFool). Inputs in [0,1] with normalisation inside the model, as in Epsilon.
 */
export function pythonSnippet(config: AttackConfig, target: number | null): string {
  const lines: string[] = [];
  const targetLine = (v: string) => (target === null ? [] : [`# targeted: make it class ${target}`, `${v}.set_mode_targeted_by_function(lambda images, labels: labels * 0 + ${target})`]);
  switch (config.kind) {
    case 'fgsm':
      if (config.norm === 'linf') {
        lines.push('import torchattacks', `atk = torchattacks.FGSM(model, eps=${f255(config.eps)})`, ...targetLine('atk'), 'adv_images = atk(images, labels)');
      } else {
        lines.push(
          'import foolbox as fb',
          'fmodel = fb.PyTorchModel(model.eval(), bounds=(0, 1))',
          'attack = fb.attacks.L2FastGradientAttack()',
          `criterion = ${target === null ? 'labels' : `fb.criteria.TargetedMisclassification(labels * 0 + ${target})`}`,
          `_, adv_images, success = attack(fmodel, images, criterion, epsilons=${num(config.eps)})`,
        );
      }
      break;
    case 'pgd': {
      const cls = config.norm === 'linf' ? 'PGD' : 'PGDL2';
      const eps = config.norm === 'linf' ? f255(config.eps) : num(config.eps);
      const alpha = config.norm === 'linf' ? f255(config.stepSize) : num(config.stepSize);
      lines.push(
        'import torchattacks',
        `atk = torchattacks.${cls}(model, eps=${eps}, alpha=${alpha}, steps=${config.steps}, random_start=${py(config.randomStart)})`,
        ...targetLine('atk'),
      );
      if (config.restarts > 1) {
        lines.push(`atk = torchattacks.MultiAttack([atk] * ${config.restarts})  # restarts: keep the first success per image`);
      }
      lines.push('adv_images = atk(images, labels)');
      break;
    }
    case 'deepfool': {
      const cls = config.norm === 'linf' ? 'LinfDeepFoolAttack' : 'L2DeepFoolAttack';
      lines.push(
        'import foolbox as fb',
        'fmodel = fb.PyTorchModel(model.eval(), bounds=(0, 1))',
        `attack = fb.attacks.${cls}(steps=${config.steps}, candidates=${config.candidates}, overshoot=${num(config.overshoot)}, loss="logits")`,
        '_, adv_images, success = attack(fmodel, images, labels, epsilons=None)',
      );
      break;
    }
    case 'cw':
      lines.push(
        'import torchattacks',
        `# torchattacks runs one c (no binary search); foolbox's L2CarliniWagnerAttack(binary_search_steps=${config.binarySearchSteps}, steps=${config.steps}, stepsize=${num(config.learningRate)}, confidence=${num(config.confidence)}, initial_const=${num(config.initialConst)}, abort_early=${py(config.abortEarly)}) matches Epsilon's search`,
        `atk = torchattacks.CW(model, c=${num(config.initialConst)}, kappa=${num(config.confidence)}, steps=${config.steps}, lr=${num(config.learningRate)})`,
        ...targetLine('atk'),
        'adv_images = atk(images, labels)',
      );
      break;
  }
  return ['# images: float tensor [n,3,32,32] in [0,1]; labels: [n] class indices; model returns logits', ...lines].join('\n');
}
