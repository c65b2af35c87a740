import { describe, expect, it } from 'vitest';
import { ATTACK_DEFAULTS, pythonSnippet } from '../../src/attacks/catalog.ts';

describe('Copy as Python', () => {
  it('keeps /255 scales and parameter values for torchattacks PGD', () => {
    const s = pythonSnippet({ ...ATTACK_DEFAULTS.pgd, eps: 4 / 255, steps: 20, randomStart: false }, null);
    expect(s).toContain('torchattacks.PGD(model, eps=4/255, alpha=2/255, steps=20, random_start=False)');
    expect(s).not.toContain('targeted');
  });

  it('uses PGDL2 with plain numbers for L2, and a targeted mode when there is a target', () => {
    const s = pythonSnippet({ ...ATTACK_DEFAULTS.pgd, norm: 'l2', eps: 0.5, stepSize: 0.1 }, 3);
    expect(s).toContain('torchattacks.PGDL2(model, eps=0.5, alpha=0.1, steps=10, random_start=True)');
    expect(s).toContain('labels * 0 + 3');
  });

  it('DeepFool goes to foolbox with its own parameter names', () => {
    const s = pythonSnippet({ ...ATTACK_DEFAULTS.deepfool, overshoot: 0.05 }, null);
    expect(s).toContain('fb.attacks.L2DeepFoolAttack(steps=50, candidates=10, overshoot=0.05, loss="logits")');
  });

  it('C&W keeps c, kappa, steps and the learning rate', () => {
    const s = pythonSnippet({ ...ATTACK_DEFAULTS.cw, initialConst: 0.05, confidence: 2, learningRate: 0.005 }, null);
    expect(s).toContain('torchattacks.CW(model, c=0.05, kappa=2, steps=100, lr=0.005)');
    expect(s).toContain('binary_search_steps=5');
  });

  it("Square uses torchattacks' targeted mode with the target's cross-entropy when there is a target", () => {
    const targeted = pythonSnippet(ATTACK_DEFAULTS.square, 4);
    expect(targeted).toContain("loss='ce'");
    expect(targeted).toContain('atk.set_mode_targeted_by_function(lambda images, labels: labels * 0 + 4)');
    const untargeted = pythonSnippet(ATTACK_DEFAULTS.square, null);
    expect(untargeted).toContain("loss='margin'");
    expect(untargeted).not.toContain('targeted');
  });

  it('FGSM at 8/255', () => {
    expect(pythonSnippet(ATTACK_DEFAULTS.fgsm, null)).toContain('torchattacks.FGSM(model, eps=8/255)');
  });
});
