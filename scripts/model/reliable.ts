// `npm run evaluate:reliable -- --model robust --n 500 [--eps 8] [--card]`
// The worst case per image over APGD-CE, APGD-T and Square (AutoAttack's standard order at the page's budgets,
// src/evaluation/reliableFigure.ts), beside PGD-20 on the same images: the first n test images, which are the
// page's first n held-out images. --card writes the figures to the model's card.json as evaluation.reliable.
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir, modelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { comparisonPgd, reliableFigure, reliableStages } from '../../src/evaluation/index.ts';

const { values: a } = parseArgs({
  options: {
    model: { type: 'string', default: 'robust' },
    n: { type: 'string', default: '500' },
    eps: { type: 'string', default: '8' },
    batch: { type: 'string', default: '50' },
    card: { type: 'boolean', default: false },
  },
});
const n = Number(a.n);
const eps = Number(a.eps) / 255;
if (!Number.isInteger(n) || n < 1 || !(eps > 0 && eps <= 1)) {
  console.error('evaluate:reliable: --n must be a whole number of images and --eps a budget in /255 (0, 255]');
  process.exit(2);
}

await useBackend('wasm');
// A defended model's defence is in its function, not in the LayersModel of its base.
const { model: layers, modelFn, straightThroughFn } = await loadModelDir(a.model!);
const model = straightThroughFn ? modelFn : layers;
const { x, labels } = await cifarBatch('test', 0, n);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
try {
  const r = await reliableFigure(model, x, labels, {
    eps,
    batchSize: Number(a.batch),
    onProgress: ({ fraction, running }) => process.stdout.write(`\r  ${running.padEnd(8)} ${Math.round(fraction * 100)}%   `),
    onRow: (f) =>
      process.stdout.write(`\r  ${f.label}: ${pct(f.accuracy)} (${f.label === 'clean' ? n : f.attacked} images, ${f.seconds.toFixed(0)} s)\n`),
  });
  const budgets = reliableStages(eps)
    .map((s) => `${s.label} ${s.budget}`)
    .join('; ');
  console.log(`${a.model}, first ${n} test images, ${a.eps}/255 (${budgets}; WASM in Node, ${r.seconds.toFixed(0)} s):`);
  const stages = r.stages.map((s) => `${s.label} ${pct(s.accuracy)}`).join(' -> ');
  console.log(`  clean ${pct(r.clean)}, PGD-20 ${pct(r.pgd20)}, ${stages}: reliable ${pct(r.accuracy)}`);
  if (a.card) {
    const cardPath = join(modelDir(a.model!), 'card.json');
    const card = JSON.parse(readFileSync(cardPath, 'utf8')) as { evaluation?: Record<string, unknown> };
    card.evaluation = {
      ...card.evaluation,
      reliable: {
        accuracy: r.accuracy,
        n,
        eps,
        stages: r.stages.map(({ label, accuracy, attacked }) => ({ label, accuracy, attacked })),
        budgets,
        pgd20SameImages: r.pgd20,
        pgd20Attack: comparisonPgd(eps),
        cleanAccuracySameImages: r.clean,
        seconds: Math.round(r.seconds),
        measuredBy: 'scripts/model/reliable.ts (tfjs, WASM)',
      },
    };
    writeFileSync(cardPath, JSON.stringify(card, null, 2) + '\n');
    console.log(`wrote evaluation.reliable to ${cardPath}`);
  }
} finally {
  x.dispose();
}
