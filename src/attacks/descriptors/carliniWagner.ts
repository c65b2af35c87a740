// Carlini-Wagner L2 (Carlini and Wagner 2017): tanh variables, Adam, binary search over the constant c.
import type { AttackDescriptor } from '../descriptor.ts';
import { steps } from '../parameters.ts';
import { num, py, torchattacksTarget } from '../python.ts';
import type { CarliniWagnerConfig } from '../catalogTypes.ts';

export const CARLINI_WAGNER: AttackDescriptor<CarliniWagnerConfig> = {
  kind: 'cw',
  name: 'Carlini-Wagner L2',
  label: 'C&W',
  targeted: true,
  fixedEps: false,
  // A browser budget: 5 binary-search steps x 100 Adam steps of 0.01, kappa 0, abort early. c starts at 0.1 rather
  // than cleverhans' 1e-2 (5 searches) or the original's 1e-3 (9 searches): with 5 searches, starting lower spends
  // them growing c and leaves no bisection (on the standard model, median L2 0.147 from 1e-2 against 0.107 from
  // 0.1, same budget).
  defaults: { kind: 'cw', steps: 100, binarySearchSteps: 5, initialConst: 0.1, confidence: 0, learningRate: 0.01, abortEarly: true },
  capped: { binarySearchSteps: 1, steps: 5 },
  parameters: {
    steps: steps(1000, 'Adam steps per binary-search step'),
    binarySearchSteps: {
      type: 'number',
      label: 'Binary search steps',
      description: 'Searches over the constant c that trades distance against misclassification',
      unit: 'searches',
      scale: 1,
      min: 1,
      max: 10,
      step: 1,
      integer: true,
      limit: { min: 1, max: 100 },
    },
    initialConst: {
      type: 'number',
      label: 'Initial c',
      description: 'Starting value of the constant c',
      unit: '',
      scale: 1,
      min: 1e-4,
      max: 100,
      step: 1e-4,
      integer: false,
      logScale: true,
      limit: { min: 0, max: 1e10, exclusiveMin: true },
    },
    confidence: {
      type: 'number',
      label: 'Confidence (kappa)',
      description: 'Required logit margin of the adversarial class',
      unit: 'logits',
      scale: 1,
      min: 0,
      max: 50,
      step: 0.5,
      integer: false,
      limit: { min: 0, max: Infinity },
    },
    learningRate: {
      type: 'number',
      label: 'Learning rate',
      description: 'Adam step size in the tanh space',
      unit: '',
      scale: 1,
      min: 1e-4,
      max: 1,
      step: 1e-4,
      integer: false,
      logScale: true,
      limit: { min: 0, max: 10, exclusiveMin: true },
    },
    abortEarly: { type: 'boolean', label: 'Abort early', description: "Stop an image's search when its loss stops falling" },
  },
  // torchattacks' CW runs one c; foolbox's has Epsilon's binary search, named in a comment.
  python: (c, target) => [
    'import torchattacks',
    `# torchattacks runs one c (no binary search); foolbox's L2CarliniWagnerAttack(binary_search_steps=${c.binarySearchSteps}, ` +
      `steps=${c.steps}, stepsize=${num(c.learningRate)}, confidence=${num(c.confidence)}, initial_const=${num(c.initialConst)}, ` +
      `abort_early=${py(c.abortEarly)}) matches Epsilon's search`,
    `atk = torchattacks.CW(model, c=${num(c.initialConst)}, kappa=${num(c.confidence)}, steps=${c.steps}, lr=${num(c.learningRate)})`,
    ...torchattacksTarget('atk', target),
    'adv_images = atk(images, labels)',
  ],
};
