// How the robustness curve names and draws each of its attacks: one entry an attack.
import type { CurveAttack } from '../../evaluation/catalog.ts';

export const CURVE_ATTACK_LOOK: Record<CurveAttack, { short: string; choice: string; dash?: string }> = {
  pgd: { short: 'PGD', choice: 'PGD' },
  fgsm: { short: 'FGSM', choice: 'FGSM', dash: '6 4' },
  autoattack: { short: 'AutoAttack', choice: 'AutoAttack (APGD-CE, APGD-T, Square: slow, as the reliable figure)', dash: '2 3' },
};
