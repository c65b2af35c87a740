// `npm run evaluate:corruptions -- [--models standard,robust,defended] [--n 500]`
// Accuracy under the page's common corruptions (src/data/corruptions.ts, the CIFAR-10-C recipe: ten corruptions,
// five severities, noise seed 0 as in the page) on the first n test images (the page's first n held-out images),
// one table per model, and the mean over severities beside the clean accuracy. WASM in Node.
import { parseArgs } from 'node:util';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { CORRUPTIONS } from '../../src/data/corruptions.ts';
import { corruptionSweep } from '../../src/evaluation/index.ts';
import { textTable } from '../../src/bench/measure.ts';

const { values: a } = parseArgs({ options: { models: { type: 'string', default: 'standard,robust' }, n: { type: 'string', default: '500' } } });
const n = Number(a.n);
await useBackend('wasm');
const { x, labels } = await cifarBatch('test', 0, n);
const pct = (v: number) => `${(v * 100).toFixed(1)}`;
const rows: string[][] = [];
const means: string[][] = [];
for (const name of a.models.split(',')) {
  const { model: layers, modelFn, straightThroughFn } = await loadModelDir(name);
  const started = performance.now();
  const r = await corruptionSweep(straightThroughFn ? modelFn : layers, x, labels);
  const seconds = (performance.now() - started) / 1000;
  for (const c of CORRUPTIONS) rows.push([name, c.label, pct(r.clean), ...r.accuracy[c.id]!.map(pct)]);
  means.push([name, pct(r.clean), ...CORRUPTIONS.map((c) => pct(r.accuracy[c.id]!.reduce((s, v) => s + v, 0) / 5)), `${seconds.toFixed(0)} s`]);
  layers.dispose();
}
x.dispose();
console.log(`Accuracy (%) under common corruptions, first ${n} test images, severities 1..5 (WASM in Node):`);
console.log(textTable(['model', 'corruption', 'clean', '1', '2', '3', '4', '5'], rows));
console.log('\nMean over the five severities (%):');
console.log(textTable(['model', 'clean', ...CORRUPTIONS.map((c) => c.label), 'sweep time'], means));
