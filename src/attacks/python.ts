// Formatting numbers and options for the "Copy as Python" snippets of the attack descriptors.

/** A value in /255 when it is a whole number of 255ths (8/255), else a plain number. */
export const f255 = (v: number): string => {
  const n = Number((v * 255).toPrecision(6));
  return Number.isInteger(n) ? `${n}/255` : String(Number(v.toPrecision(6)));
};
export const num = (v: number): string => String(Number(v.toPrecision(6)));
export const py = (b: boolean): string => (b ? 'True' : 'False');
/** The eps-like value in the units torchattacks and foolbox take for the norm. */
export const inNorm = (norm: 'linf' | 'l2', v: number): string => (norm === 'linf' ? f255(v) : num(v));

/** torchattacks' targeted mode for an attack object named `v`, when there is a target. */
export const torchattacksTarget = (v: string, target: number | null): string[] =>
  target === null ? [] : [`# targeted: make it class ${target}`, `${v}.set_mode_targeted_by_function(lambda images, labels: labels * 0 + ${target})`];

/** foolbox's criterion: the labels (untargeted) or a target class. */
export const foolboxCriterion = (target: number | null): string =>
  target === null ? 'labels' : `fb.criteria.TargetedMisclassification(labels * 0 + ${target})`;

export const FOOLBOX_MODEL = ['import foolbox as fb', 'fmodel = fb.PyTorchModel(model.eval(), bounds=(0, 1))'];
