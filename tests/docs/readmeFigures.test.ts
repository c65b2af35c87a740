// The README's robustness figures are the cards': the worst case of APGD-CE, APGD-T and Square beside PGD-20 on the
// same images, and the defended model's clean, FGSM, PGD-20 and BPDA figures, each as the scripts wrote them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
type Figure = {
  accuracy: number;
  n: number;
  cleanAccuracySameImages?: number;
  pgd20SameImages?: number;
  stages?: { label: string; accuracy: number }[];
  seconds?: number;
};
const evaluation = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'models', name, 'card.json'), 'utf8')) as { evaluation: Record<string, Figure> }).evaluation;
const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`;

describe('README figures', () => {
  it('the reliable figures of the robust and standard models, beside PGD-20 on the same images', () => {
    const r = evaluation('robust').reliable!;
    const s = evaluation('standard').reliable!;
    expect(r.n).toBe(500);
    const [ce, t] = r.stages!;
    expect(README).toContain(
      `(\`npm run evaluate:reliable -- --model robust --n 500 --card\`, WASM in Node, ${r.seconds} s) ` +
        `the robust model keeps **${pct(r.accuracy)}** where PGD-20 says ${pct(r.pgd20SameImages!)} ` +
        `(APGD-CE ${pct(ce!.accuracy)}, then APGD-T ${pct(t!.accuracy)}, and Square finds no more)`,
    );
    expect(r.stages![2]!.accuracy).toBe(t!.accuracy);
    expect(README).toContain(`PGD-20 overstates it by ${((r.pgd20SameImages! - r.accuracy) * 100).toFixed(1)} points`);
    expect(README).toContain(`The standard model keeps ${pct(s.accuracy)} (PGD-20 ${pct(s.pgd20SameImages!)})`);
  });

  it("the defended model's figures", () => {
    const d = evaluation('defended');
    const std = evaluation('standard');
    expect(d.clean!.n).toBe(10000);
    expect(d.clean!.accuracy).toBe(std.clean!.accuracy);
    expect(README).toContain(`(${pct(d.clean!.accuracy, 2)} on the 10,000 test images, the same figure)`);
    expect(d.fgsm!.accuracy).toBe(d.fgsm!.cleanAccuracySameImages);
    expect(README).toContain(`FGSM does not move (${pct(d.fgsm!.accuracy)} on the first 1,000 test images, its clean figure)`);
    expect(README).toContain(`PGD-20 at 8/255 leaves ${pct(d.pgd20!.accuracy)}`);
    expect(README).toContain(`the same PGD-20 leaves ${pct(d.pgd20Bpda!.accuracy)}, as on the standard model`);
    expect(d.pgd20Bpda!.accuracy).toBe(std.pgd20!.accuracy);
  });
});
