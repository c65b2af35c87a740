// Part of `npm run bench` (about three minutes): how long the corruption sweep (src/evaluation/corruptionSweep.ts: ten
// corruptions x five severities + clean) takes per model on the first 500 held-out images in Node on WASM, how much
// of it is making the corrupted images (plain TypeScript, per corruption), and the mean accuracy over severities per
// corruption on these 500 images, the README's table. Prints tables; asserts nothing.
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { CORRUPTIONS, corruptImages } from '../../src/data/corruptions.ts';
import { corruptionSweep } from '../../src/evaluation/index.ts';
import { textTable } from '../../src/bench/measure.ts';

const N = 500;
const CONDITIONS = 1 + CORRUPTIONS.reduce((s, c) => s + c.levels.length, 0);
await useBackend('wasm');
const { x, labels } = await cifarBatch('test', 0, N);
const pixels = (await x.data()) as Float32Array;
const making = CORRUPTIONS.map((c) => {
  const t0 = performance.now();
  for (let s = 1; s <= c.levels.length; s++) corruptImages(pixels, c, s);
  return [c.label, `${((performance.now() - t0) / c.levels.length / N).toFixed(2)} ms`];
});
const rows: string[][] = [];
const means: string[][] = [];
const pct = (v: number) => (v * 100).toFixed(1);
for (const name of ['standard', 'robust']) {
  const { model } = await loadModelDir(name);
  const t0 = performance.now();
  const r = await corruptionSweep(model, x, labels);
  const seconds = (performance.now() - t0) / 1000;
  means.push([name, pct(r.clean), ...CORRUPTIONS.map((c) => pct(r.accuracy[c.id]!.reduce((a, b) => a + b, 0) / c.levels.length))]);
  rows.push([name, `${seconds.toFixed(1)} s`, `${((seconds * 1000) / (N * CONDITIONS)).toFixed(2)} ms`]);
  model.dispose();
}
x.dispose();
console.log(
  `\nCommon corruptions: the sweep on ${N} held-out images ` +
    `(${CORRUPTIONS.length} corruptions x 5 severities + clean = ${CONDITIONS} conditions; WASM in Node)`,
);
console.log(textTable(['model', 'sweep', 'per image and condition'], rows));
console.log('Making one corrupted image (per corruption, mean over severities):');
console.log(textTable(['corruption', 'per image'], making));
console.log(`Mean accuracy over the five severities (%), ${N} images:`);
console.log(textTable(['model', 'clean', ...CORRUPTIONS.map((c) => c.label)], means));
