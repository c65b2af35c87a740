// Part of `npm run bench`: what "Measure robustness" (the worst case of APGD-CE, APGD-T and Square, beside PGD-20)
// costs per image on the robust model, the case where every stage runs, in Node on WASM, at batch 1 (one image at
// a time, the first 4 test images) and batch 32 (test images 0..31), with the seconds each stage took.
// Prints a table; asserts nothing.
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { reliableFigure, type ReliableFigure } from '../../src/evaluation/index.ts';
import { textTable } from '../../src/bench/measure.ts';

await useBackend('wasm');
const { model } = await loadModelDir('robust');

async function measure(start: number, count: number, batch: number): Promise<ReliableFigure> {
  const { x, labels } = await cifarBatch('test', start, count);
  try {
    return await reliableFigure(model, x, labels, { batchSize: batch });
  } finally {
    x.dispose();
  }
}

const rows: string[][] = [];
const row = (batch: number, runs: ReliableFigure[]) => {
  const n = runs.reduce((s, r) => s + r.n, 0);
  const stageSeconds = (label: string) => runs.reduce((s, r) => s + (r.stages.find((f) => f.label === label)?.seconds ?? 0), 0);
  const attacked = (label: string) => runs.reduce((s, r) => s + (r.stages.find((f) => f.label === label)?.attacked ?? 0), 0);
  const total = runs.reduce((s, r) => s + r.seconds, 0);
  rows.push([
    String(batch),
    String(n),
    `${((total * 1000) / n).toFixed(0)} ms`,
    ...['APGD-CE', 'APGD-T', 'Square'].map((l) => `${stageSeconds(l).toFixed(1)} s on ${attacked(l)}`),
    `${((runs.reduce((s, r) => s + r.accuracy * r.n, 0) / n) * 100).toFixed(0)}%`,
  ]);
};
const single: ReliableFigure[] = [];
for (let i = 0; i < 4; i++) single.push(await measure(i, 1, 1));
row(1, single);
row(32, [await measure(0, 32, 32)]);
console.log('\n"Measure robustness" on models/robust at 8/255 (WASM in Node; clean pass and PGD-20 included in the total)');
console.log(textTable(['batch', 'images', 'per image', 'APGD-CE', 'APGD-T', 'Square', 'left standing'], rows));
