// "Copy as Python": the same attack, with the same parameters and scale, for a notebook. Each attack's
// descriptor writes its own lines (torchattacks where it has the attack with these semantics, foolbox for the rest).
import { ATTACK_DESCRIPTORS, type AttackConfig, type DescriptorTable, type LooseConfig } from '../../attacks/index.ts';

const HEADER = '# images: float tensor [n,3,32,32] in [0,1]; labels: [n] class indices; model returns logits';

/** Inputs in [0,1] with normalisation inside the model, as in Epsilon. An untargeted attack ignores `target`. */
export function pythonSnippet(config: AttackConfig | LooseConfig, target: number | null, table: DescriptorTable = ATTACK_DESCRIPTORS): string {
  const d = table[config.kind]!;
  return [HEADER, ...d.python(config, d.targeted ? target : null)].join('\n');
}
