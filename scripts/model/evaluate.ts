// `npm run evaluate -- --model models/robust --attack pgd --eps 8 --steps 20 --n 1000 [--restarts 5] [--card KEY]`
// Clean and robust accuracy of any tfjs LayersModel, computed by the project's own attack code in Node (WASM).
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../tests/helpers/tfNode.ts';
import { loadModelDir, modelDir } from '../lib/nodeModel.ts';
import { cifarBatch } from '../lib/nodeData.ts';
import { runAttack, type AttackConfig } from '../../src/attacks/index.ts';
import type { LogitsFn } from '../../src/model/modelFn.ts';
import { foldInference } from '../../src/model/foldedModel.ts';

const { values: a } = parseArgs({
  options: {
    model: { type: 'string', default: 'standard' },
    attack: { type: 'string', default: 'pgd' },
    eps: { type: 'string', default: '8' },
    steps: { type: 'string', default: '20' },
    'step-size': { type: 'string', default: '2' },
    restarts: { type: 'string', default: '1' },
    n: { type: 'string', default: '1000' },
    'clean-n': { type: 'string' },
    batch: { type: 'string', default: '100' },
    backend: { type: 'string', default: 'wasm' },
    card: { type: 'string' },
  },
});

const n = Number(a.n);
const cleanN = Number(a['clean-n'] ?? a.n);
const batch = Number(a.batch);
const eps = Number(a.eps) / 255;
const config: AttackConfig =
  a.attack === 'fgsm'
    ? { kind: 'fgsm', norm: 'linf', eps }
    : { kind: 'pgd', norm: 'linf', eps, steps: Number(a.steps), stepSize: Number(a['step-size']) / 255, randomStart: true, restarts: Number(a.restarts) };

await useBackend(a.backend as 'wasm' | 'cpu');
const loaded = await loadModelDir(a.model!);
// BatchNorm folded into the convolutions: the same function, about three times cheaper to differentiate.
const logits: LogitsFn = foldInference(loaded.model)?.logits ?? loaded.logits;

async function cleanAccuracy(f: LogitsFn, count: number): Promise<number> {
  let correct = 0;
  for (let start = 0; start < count; start += batch) {
    const { x, labels } = await cifarBatch('test', start, Math.min(batch, count - start));
    const pred = tf.tidy(() => tf.argMax(f(x), 1));
    const p = await pred.data();
    labels.forEach((l, i) => (correct += p[i] === l ? 1 : 0));
    tf.dispose([x, pred]);
  }
  return correct / count;
}

async function robustAccuracy(f: LogitsFn, count: number): Promise<number> {
  let correct = 0;
  for (let start = 0; start < count; start += batch) {
    const { x, labels } = await cifarBatch('test', start, Math.min(batch, count - start));
    const r = await runAttack(f, x, labels, config, { seed: start });
    labels.forEach((l, i) => (correct += r.advPred[i] === l ? 1 : 0));
    tf.dispose([x, r.adversarial]);
    process.stdout.write(`\r  ${Math.min(start + batch, count)}/${count} attacked, robust so far ${(correct / Math.min(start + batch, count)).toFixed(3)}`);
  }
  process.stdout.write('\n');
  return correct / count;
}

const started = performance.now();
const clean = await cleanAccuracy(logits, cleanN);
console.log(`${a.model}: clean accuracy ${(clean * 100).toFixed(2)}% on the first ${cleanN} test images`);
const describe = config.kind === 'pgd' ? `PGD-${config.steps}${config.restarts > 1 ? ` x ${config.restarts} restarts` : ''}, step ${a['step-size']}/255` : 'FGSM';
const robust = await robustAccuracy(logits, n);
const seconds = (performance.now() - started) / 1000;
console.log(`${a.model}: ${describe} at ${a.eps}/255: ${(robust * 100).toFixed(2)}% accuracy on the first ${n} test images (${seconds.toFixed(0)} s, ${a.backend})`);

if (a.card) {
  const cardPath = join(modelDir(a.model!), 'card.json');
  const card = JSON.parse(readFileSync(cardPath, 'utf8')) as { evaluation?: Record<string, unknown> };
  card.evaluation = {
    ...card.evaluation,
    // The headline clean figure is the whole test set's; smaller runs keep theirs beside their attack.
    ...(cleanN === 10000 ? { clean: { accuracy: clean, n: cleanN, measuredBy: 'scripts/model/evaluate.ts (tfjs, WASM)' } } : {}),
    [a.card]: { accuracy: robust, n, attack: config, cleanAccuracySameImages: clean, measuredBy: 'scripts/model/evaluate.ts (tfjs, WASM)' },
  };
  writeFileSync(cardPath, JSON.stringify(card, null, 2) + '\n');
  console.log(`wrote evaluation.${a.card} to ${cardPath}`);
}
