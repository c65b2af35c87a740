// `npm run bench`: what each attack costs at its defaults, in Node, on the WASM and CPU backends.
// For each attack and batch size: ms per image, gradient evaluations (forward+backward passes over the batch),
// and the overhead ratio = attack time / (gradient evaluations x time of one forward+backward at that batch
// size): 1.0 means the attack costs nothing beyond the gradients it needs.
// Model: models/standard when it exists, else buildEpsilonCnn() with random weights (noted in the output).
// The CPU backend takes seconds per gradient, so it runs batch 1 with capped step budgets (marked "capped");
// its ratio is still meaningful, and "ms/image at defaults" is extrapolated from it.
// Prints a table; asserts nothing. Flags: --backends wasm,cpu  --lean (BatchNorm-folded, unfused model function
// beside the shipped one)  --quick (capped budgets everywhere).
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { ATTACK_DEFAULTS, ATTACK_KINDS, runAttack, type ModelFn } from '../../src/attacks/index.ts';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';
import { toLogitsFn } from '../../src/model/modelFn.ts';
import { foldInference } from '../../src/model/foldedModel.ts';
import { CAPPED, cappedConfig, gradientTimes, median, textTable, timeRuns } from '../../src/bench/measure.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';

const { values: a } = parseArgs({
  options: { backends: { type: 'string', default: 'wasm,cpu' }, lean: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } },
});
const backends = a.backends.split(',') as ('wasm' | 'cpu')[];

async function forwardMs(model: ModelFn, x: tf.Tensor4D, runs: number): Promise<number> {
  const [, ...times] = await timeRuns(runs + 1, () => model(x)); // the first run warms up
  return median(times);
}

interface Row {
  backend: string;
  fn: string;
  attack: string;
  batch: number;
  capped: boolean;
  msPerImage: number;
  gradEvals: number;
  fbMs: number;
  overhead: number;
  success: number;
  defaultsMsPerImage?: number;
}

const rows: Row[] = [];
const notes: string[] = [];

for (const backend of backends) {
  await useBackend(backend);
  const standard = modelExists('standard');
  const layers = standard ? (await loadModelDir('standard')).model : buildEpsilonCnn();
  if (!standard) notes.push('models/standard is absent: buildEpsilonCnn() with random weights stands in.');
  const fns: [string, ModelFn][] = [['shipped', toLogitsFn(layers)]];
  const lean = a.lean ? foldInference(layers) : null;
  if (lean) fns.push(['lean', lean.logits]);
  const batches = backend === 'cpu' ? [1] : [1, 32];
  for (const [fnName, model] of fns) {
    for (const batch of batches) {
      const { x, labels } = await cifarBatch('test', 0, batch);
      const capped = a.quick || backend === 'cpu';
      const runs = backend === 'cpu' ? 1 : 3;
      await gradientTimes(model, x, labels, 1); // warm-up
      const f = await forwardMs(model, x, runs);
      console.log(`[${backend} ${fnName} batch ${batch}] forward ${f.toFixed(1)} ms`);
      for (const kind of ATTACK_KINDS) {
        const config = capped ? cappedConfig(kind) : ATTACK_DEFAULTS[kind];
        // Warm-up with a small budget: first uses of ops and shapes are not the attack's cost.
        (await runAttack(model, x, labels, cappedConfig(kind), { seed: 0 })).adversarial.dispose();
        // The machine may be shared: the reference forward+backward is timed right before and after the attack.
        const before = await gradientTimes(model, x, labels, runs);
        const r = await runAttack(model, x, labels, config, { seed: 0 });
        r.adversarial.dispose();
        const fb = median([...before, ...(await gradientTimes(model, x, labels, runs))]);
        const row: Row = {
          backend, fn: fnName, attack: kind, batch, capped: capped && Object.keys(CAPPED[kind]).length > 0,
          msPerImage: r.elapsedMs / batch,
          gradEvals: r.gradientEvaluations,
          fbMs: fb,
          overhead: r.elapsedMs / (r.gradientEvaluations * fb),
          success: r.success.filter(Boolean).length / batch,
        };
        rows.push(row);
        console.log(`  ${kind.padEnd(8)} ${(r.elapsedMs / 1000).toFixed(2)} s, ${+r.gradientEvaluations.toFixed(2)} gradient evaluations of ${fb.toFixed(1)} ms, overhead ${row.overhead.toFixed(2)}${row.capped ? ' (capped budget)' : ''}`);
      }
      x.dispose();
    }
  }
  lean?.dispose();
  layers.dispose();
}

// Capped rows: the cost at defaults = (cost per gradient evaluation here) x (evaluations an uncapped run of the
// same attack, model function and batch used on another backend).
for (const row of rows.filter((r) => r.capped)) {
  const ref = rows.find((r) => !r.capped && r.attack === row.attack && r.batch === row.batch && r.fn === row.fn);
  if (ref) row.defaultsMsPerImage = (ref.gradEvals * row.fbMs * row.overhead) / row.batch;
}

const header = ['backend', 'model fn', 'attack', 'batch', 'ms/image', 'grad evals', 'fwd+bwd ms', 'overhead', 'success', 'note'];
const table = rows.map((r) => [
  r.backend, r.fn, r.attack, String(r.batch), r.msPerImage.toFixed(1), String(+r.gradEvals.toFixed(2)), r.fbMs.toFixed(1), r.overhead.toFixed(2),
  `${Math.round(r.success * 100)}%`,
  r.capped ? `capped budget${r.defaultsMsPerImage === undefined ? '' : `; at defaults ~${r.defaultsMsPerImage.toFixed(0)} ms/image`}` : '',
]);
console.log('');
console.log(textTable(header, table));
console.log('');
for (const n of new Set(notes)) console.log(`Note: ${n}`);
console.log('Overhead = attack time / (gradient evaluations x one forward+backward at that batch, timed around the attack).');
console.log('Attack time includes input validation, the clean and final forward passes and per-step read-backs.');
console.log('DeepFool counts one evaluation per candidate class, step and image still moving, in whole-batch units; its');
console.log('passes run on copies of the images (several candidates per pass), which is why its ratio can be below 1.');
console.log(`tfjs ${tf.version.tfjs}; ${process.arch}; node ${process.version}.`);
