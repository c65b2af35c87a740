// `npm run bench` (second part): training images per second per method on WASM in Node, with the overhead ratio
// against the gradient passes each method needs (src/bench/trainingBench.ts). Prints a table; asserts nothing.
// Flags: --batch 128 (the app's default)  --steps 2 (timed steps per method, after one warm-up).
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { benchTraining, trainingTable } from '../../src/bench/trainingBench.ts';
import { METHOD_NAMES, TRAINING_METHOD_KINDS, methodDefaults } from '../../src/training/index.ts';
import { methodToFlags } from '../../src/training/catalog.ts';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';

const { values: a } = parseArgs({ options: { batch: { type: 'string', default: '128' }, steps: { type: 'string', default: '2' } } });
const batch = Number(a.batch);
await useBackend('wasm');
// A fresh copy of the standard model (the steps change its weights); random weights when it is absent.
const model = modelExists('standard') ? (await loadModelDir('standard')).model : buildEpsilonCnn();
const { x, labels } = await cifarBatch('train', 0, batch);
console.log(
  `Training steps on WASM (Node), batch ${batch}, ${modelExists('standard') ? 'standard model' : 'random weights (models/standard absent)'}:`,
);
const rows = await benchTraining(model, x, labels, {
  steps: Number(a.steps),
  onRow: (r) => console.log(`  ${r.method}: ${r.imagesPerSecond.toFixed(1)} images/s, overhead ${r.overhead.toFixed(2)}`),
});
console.log('');
console.log(trainingTable(rows));
console.log('');
console.log('Overhead = step time / (input-gradient passes x one input-gradient pass + weight-gradient passes x one');
console.log('weight-gradient pass), each timed at this batch. A step also updates the weights (SGD, weight decay) and reads');
console.log('back its loss and accuracy. Methods at their defaults (flags of npm run finetune, in shown units):');
for (const kind of TRAINING_METHOD_KINDS) console.log(`  ${METHOD_NAMES[kind]}: ${methodToFlags(methodDefaults(kind)).join(' ')}`);
console.log(`tfjs ${tf.version.tfjs}; ${process.arch}; node ${process.version}.`);
x.dispose();
model.dispose();
