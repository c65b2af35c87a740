// What the insight views cost in Node, per shipped model and backend: the gradient view (one input gradient and
// its two maps) and a 41x41 decision landscape (the FGSM direction, the plane, 1681 forward passes in the app's
// batches). Prints a table; asserts nothing. Flags: --backends wasm,cpu (default wasm)  --runs 3
// The CPU backend is slow: its landscape is timed once, on a 11x11 grid, and scaled to 41x41 (marked "scaled").
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { fgsmDirection } from '../../src/attacks/index.ts';
import { LANDSCAPE_DEFAULTS, computeLandscape, inputGradient, magnitudeRgb, planeDirections, signedRgb } from '../../src/insights/index.ts';
import { median, textTable } from '../../src/bench/measure.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';

const { values: a } = parseArgs({ options: { backends: { type: 'string', default: 'wasm' }, runs: { type: 'string', default: '3' } } });
const backends = a.backends.split(',') as ('wasm' | 'cpu')[];
const runs = Math.max(1, Number(a.runs));
const SIZE = LANDSCAPE_DEFAULTS.size;

const rows: string[][] = [];
for (const backend of backends) {
  await useBackend(backend);
  const { x, labels } = await cifarBatch('test', 0, 1);
  for (const name of ['standard', 'robust']) {
    if (!modelExists(name)) {
      rows.push([backend, name, 'missing', '', '', '']);
      continue;
    }
    const { model, modelFn } = await loadModelDir(name);
    const label = labels[0]!;
    const gradientOnce = async () => {
      const t = performance.now();
      const g = await inputGradient(modelFn, x, label);
      magnitudeRgb(g);
      signedRgb(g);
      return performance.now() - t;
    };
    await gradientOnce(); // warm-up
    const gradientTimes: number[] = [];
    for (let i = 0; i < runs; i++) gradientTimes.push(await gradientOnce());
    const gradientMs = median(gradientTimes);
    const scaled = backend === 'cpu';
    const size = scaled ? 11 : SIZE;
    const landscapeOnce = async () => {
      const t = performance.now();
      const d = await fgsmDirection(modelFn, x, [label], { norm: 'linf' });
      const plane = planeDirections(d.direction, 0);
      d.direction.dispose();
      try {
        await computeLandscape(modelFn, x, plane, { ...LANDSCAPE_DEFAULTS, size, reference: label });
      } finally {
        tf.dispose([plane.d1, plane.d2]);
      }
      return (performance.now() - t) * (scaled ? (SIZE * SIZE) / (size * size) : 1);
    };
    const landscapeTimes: number[] = [];
    for (let i = 0; i < (scaled ? 1 : runs); i++) landscapeTimes.push(await landscapeOnce());
    const landscapeMs = median(landscapeTimes);
    rows.push([
      backend,
      name,
      gradientMs.toFixed(1),
      (landscapeMs / 1000).toFixed(2) + (scaled ? ' (scaled)' : ''),
      ((landscapeMs / (SIZE * SIZE)) * 1000).toFixed(0),
      String(tf.memory().numTensors),
    ]);
    model.dispose();
  }
  x.dispose();
}
console.log(
  `Insight views in Node (CIFAR-10 test image 0; landscape ${SIZE}x${SIZE} over +-16/255 ` +
    `in batches of about ${LANDSCAPE_DEFAULTS.batchMs} ms; median of ${runs})`,
);
console.log(textTable(['backend', 'model', 'gradient view ms', 'landscape s', 'µs/point', 'tensors after'], rows));
