// The attack contract's tfjs-free types: the configs, and the plain records a run reports (steps, norms).
// The page, links and lessons read them without loading the engine; types.ts adds the tensor types.

export type Norm = 'linf' | 'l2';

/** Fast Gradient (Sign) Method: one step of size eps along the loss gradient's sign (linf) or direction (l2). */
export interface FgsmConfig {
  kind: 'fgsm';
  norm: Norm;
  eps: number;
}

/** Projected Gradient Descent (Madry et al.): steps of stepSize, projected onto the eps-ball and [0,1]. */
export interface PgdConfig {
  kind: 'pgd';
  norm: Norm;
  eps: number;
  steps: number;
  stepSize: number;
  randomStart: boolean;
  restarts: number;
}

/**
 * Auto-PGD (Croce and Hein 2020): PGD with momentum and a step size that halves at checkpoints where progress
 * stalls, from a random start; no step size to tune. Loss: cross-entropy, the difference of logits ratio, or the
 * targeted ratio aimed at the top other classes in turn (still counted a success once the class changes).
 */
export interface ApgdConfig {
  kind: 'apgd';
  norm: Norm;
  eps: number;
  steps: number;
  loss: ApgdLoss;
  restarts: number;
}
/** 'dlr-t': the targeted DLR aimed at each of the top other classes in turn (AutoAttack's APGD-T). */
export type ApgdLoss = 'ce' | 'dlr' | 'dlr-t';

/** DeepFool (foolbox semantics, on logits): minimal perturbation estimate, untargeted. */
export interface DeepFoolConfig {
  kind: 'deepfool';
  norm: Norm;
  steps: number;
  overshoot: number;
  candidates: number;
}

/** Carlini-Wagner L2: tanh variables, Adam, binary search over the constant c. */
export interface CarliniWagnerConfig {
  kind: 'cw';
  steps: number;
  binarySearchSteps: number;
  initialConst: number;
  confidence: number;
  learningRate: number;
  abortEarly: boolean;
}

/**
 * Square Attack (Andriushchenko et al. 2020): a random search over square windows of the perturbation that uses the
 * model's logits only, never its gradients; a budget of queries (forward passes) per image.
 */
export interface SquareConfig {
  kind: 'square';
  norm: Norm;
  eps: number;
  queries: number;
  /** The share of the image the first windows cover; it halves on a fixed schedule. */
  pInit: number;
}

export type AttackConfig = FgsmConfig | PgdConfig | ApgdConfig | SquareConfig | DeepFoolConfig | CarliniWagnerConfig;
export type AttackKind = AttackConfig['kind'];
export type ConfigOf<K extends AttackKind> = Extract<AttackConfig, { kind: K }>;

/**
 * One image's state at one point of an attack: the state after `step` updates in `round`
 * (a PGD restart or a C&W binary-search step; 0 for the others).
 * - loss: what the attack optimises: cross-entropy of the label (untargeted) or of the target (targeted) for
 *   FGSM/PGD; the linearised distance to the nearest boundary for DeepFool (0 once adversarial);
 *   ||x' - x||^2 + c * max(margin, -confidence) for C&W.
 * - margin: untargeted, reference logit minus best other logit; targeted, best non-target logit minus the
 *   target logit. Negative means adversarial in both cases.
 * - norm: ||x_t - x|| in the attack's norm (l2 for C&W).
 * - progress: fraction of the attack's planned work done, in [0,1].
 */
export interface AttackStep {
  image: number;
  round: number;
  step: number;
  loss: number;
  margin: number;
  norm: number;
  pred: number;
  progress: number;
}

/** Perturbation norms of x_adv - x; l0 counts entries changed by more than 0.5/255. */
export interface PerturbationNorms {
  l0: number;
  l2: number;
  linf: number;
}
