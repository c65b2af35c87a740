// "Copy as Python": the same attack, with the same parameters and scale, for a notebook. Each attack's
// descriptor writes its own lines (torchattacks where it has the attack with these semantics, foolbox for the rest).
import { ATTACK_DESCRIPTORS } from '../../attacks/defaults.ts';
import type { DescriptorTable, LooseConfig } from '../../attacks/descriptor.ts';
import type { AttackConfig } from '../../attacks/types.ts';

const HEADER = '# images: float tensor [n,3,32,32] in [0,1]; labels: [n] class indices; model returns logits';

/** Inputs in [0,1] with normalisation inside the model, as in Epsilon. An untargeted attack ignores `target`. */
export function pythonSnippet(config: AttackConfig | LooseConfig, target: number | null, table: DescriptorTable = ATTACK_DESCRIPTORS): string {
  const d = table[config.kind]!;
  return [HEADER, ...d.python(config, d.targeted ? target : null)].join('\n');
}
