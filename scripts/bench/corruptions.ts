// Part of `npm run bench`: how long the corruption sweep (8 corruptions x 5 severities, src/training/corruptionSweep.ts)
// takes per model on the first 500 held-out images in Node on WASM, how that splits between making the corrupted
// images (plain TypeScript) and classifying them, and the mean accuracy over severities per corruption that the
// README quotes. Prints tables; asserts nothing.
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { CORRUPTIONS, corruptImages } from '../../src/data/corruptions.ts';
import { corruptionSweep } from '../../src/training/index.ts';
import { textTable } from '../../src/bench/measure.ts';

const N = 500;
await useBackend('wasm');
const { x, labels } = await cifarBatch('test', 0, N);
const pixels = (await x.data()) as Float32Array;
let t0 = performance.now();
for (const c of CORRUPTIONS) for (let s = 1; s <= 5; s++) corruptImages(pixels, c, s);
const making = (performance.now() - t0) / 1000;
const rows: string[][] = [];
const means: string[][] = [];
const pct = (v: number) => (v * 100).toFixed(1);
for (const name of ['standard', 'robust']) {
  const { model } = await loadModelDir(name);
  t0 = performance.now();
  const r = await corruptionSweep(model, x, labels);
  const seconds = (performance.now() - t0) / 1000;
  means.push([name, pct(r.clean), ...CORRUPTIONS.map((c) => pct(r.accuracy[c.id]!.reduce((a, b) => a + b, 0) / 5))]);
  rows.push([name, `${seconds.toFixed(1)} s`, `${making.toFixed(1)} s`, `${((seconds * 1000) / (N * 41)).toFixed(2)} ms`]);
  model.dispose();
}
x.dispose();
console.log(`\nCommon corruptions: the sweep on ${N} held-out images (8 corruptions x 5 severities + clean; WASM in Node)`);
console.log(textTable(['model', 'sweep', 'of which making the images', 'per image and condition'], rows));
console.log('Mean accuracy over the five severities (%), as the README gives it:');
console.log(textTable(['model', 'clean', ...CORRUPTIONS.map((c) => c.label)], means));
