// `npm run evaluate -- --model models/robust --attack pgd --eps 8 --steps 20 --n 1000 [--restarts 5] [--step-size 2] [--card KEY]`
// `npm run evaluate -- --model defended --attack pgd --steps 20 --step-size 2 --bpda` (through the rounding)
// `npm run evaluate -- --model robust --attack apgd --loss dlr --eps 8 --n 500` (APGD: 100 steps unless --steps;
// --loss dlr-t: APGD-T, aimed at the top other classes in turn)
// PGD steps follow the project's evaluation rule (2.5 eps / steps, src/attacks/pgdEvaluation.ts) unless --step-size
// (in /255) fixes them, as the model cards do (torchattacks' 2/255).
// Clean and robust accuracy of any tfjs LayersModel, computed by the project's own attack code in Node (WASM).
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../../node/tfBackend.ts';
import { loadModelDir, modelDir } from '../../node/modelDir.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { defaultsFor, pgdEvaluation, type ApgdConfig, type AttackConfig } from '../../src/attacks/index.ts';
import { evaluate } from '../../src/evaluation/index.ts';

const { values: a } = parseArgs({
  options: {
    model: { type: 'string', default: 'standard' },
    attack: { type: 'string', default: 'pgd' },
    eps: { type: 'string', default: '8' },
    steps: { type: 'string' },
    loss: { type: 'string', default: 'ce' },
    'step-size': { type: 'string' },
    restarts: { type: 'string', default: '1' },
    n: { type: 'string', default: '1000' },
    'clean-n': { type: 'string' },
    batch: { type: 'string', default: '100' },
    backend: { type: 'string', default: 'wasm' },
    card: { type: 'string' },
    // The defended model attacked through its straight-through gradient (same predictions).
    bpda: { type: 'boolean', default: false },
  },
});

const n = Number(a.n);
const cleanN = Number(a['clean-n'] ?? a.n);
const batch = Number(a.batch);
const eps = Number(a.eps) / 255;
if (a.attack !== 'pgd' && a.attack !== 'fgsm' && a.attack !== 'apgd') {
  console.error(`evaluate: --attack must be pgd, apgd or fgsm (got ${a.attack})`);
  process.exit(2);
}
if (a.loss !== 'ce' && a.loss !== 'dlr' && a.loss !== 'dlr-t') {
  console.error(`evaluate: --loss must be ce, dlr or dlr-t (got ${a.loss})`);
  process.exit(2);
}
const config: AttackConfig =
  a.attack === 'fgsm'
    ? { kind: 'fgsm', norm: 'linf', eps }
    : a.attack === 'apgd'
      ? {
          ...(defaultsFor('apgd') as ApgdConfig),
          eps,
          loss: a.loss,
          restarts: Number(a.restarts),
          ...(a.steps !== undefined && { steps: Number(a.steps) }),
        }
      : pgdEvaluation(eps, {
          steps: Number(a.steps ?? 20),
          restarts: Number(a.restarts),
          ...(a['step-size'] !== undefined && { stepSize: Number(a['step-size']) / 255 }),
        });

await useBackend(a.backend as 'wasm' | 'cpu');
// A defended model's defence is in its function, not in the LayersModel of its base.
const { model: layers, modelFn, straightThroughFn } = await loadModelDir(a.model!);
if (a.bpda && !straightThroughFn) {
  console.error(`evaluate: --bpda needs a model with a defence (${a.model} has none)`);
  process.exit(2);
}
const model = a.bpda ? straightThroughFn! : straightThroughFn ? modelFn : layers;

/** Accuracy on the first `count` test images, clean or under the attack (evaluate() folds BatchNorm first). */
async function accuracy(count: number, attack?: AttackConfig): Promise<number> {
  const { x, labels } = await cifarBatch('test', 0, count);
  try {
    const onProgress = attack ? (f: number) => process.stdout.write(`\r  ${Math.round(f * count)}/${count} attacked`) : undefined;
    const r = await evaluate(model, x, labels, { attack, batchSize: batch, onProgress });
    if (attack) process.stdout.write('\n');
    return r.accuracy;
  } finally {
    x.dispose();
  }
}

const started = performance.now();
const clean = await accuracy(cleanN);
console.log(`${a.model}: clean accuracy ${(clean * 100).toFixed(2)}% on the first ${cleanN} test images`);
const restarts = (r: number) => (r > 1 ? ` x ${r} restarts` : '');
const describe =
  config.kind === 'pgd'
    ? `PGD-${config.steps}${restarts(config.restarts)}, step ${+(config.stepSize * 255).toFixed(3)}/255`
    : config.kind === 'apgd'
      ? `${config.loss === 'dlr-t' ? 'APGD-T' : `APGD-${config.loss.toUpperCase()}`}, ${config.steps} steps${restarts(config.restarts)}`
      : 'FGSM';
const through = a.bpda ? ' through the defence (BPDA)' : '';
const robust = await accuracy(n, config);
const seconds = (performance.now() - started) / 1000;
const robustPercent = (robust * 100).toFixed(2);
console.log(
  `${a.model}: ${describe}${through} at ${a.eps}/255: ${robustPercent}% accuracy on the first ${n} test images ` +
    `(${seconds.toFixed(0)} s, ${a.backend})`,
);

if (a.card) {
  const cardPath = join(modelDir(a.model!), 'card.json');
  const measuredBy = `scripts/model/evaluate.ts (tfjs, ${a.backend})`;
  const card = JSON.parse(readFileSync(cardPath, 'utf8')) as { evaluation?: Record<string, unknown> };
  card.evaluation = {
    ...card.evaluation,
    // The headline clean figure is the whole test set's; smaller runs keep theirs beside their attack.
    ...(cleanN === 10000 ? { clean: { accuracy: clean, n: cleanN, measuredBy } } : {}),
    [a.card]: { accuracy: robust, n, attack: config, cleanAccuracySameImages: clean, measuredBy },
  };
  writeFileSync(cardPath, JSON.stringify(card, null, 2) + '\n');
  console.log(`wrote evaluation.${a.card} to ${cardPath}`);
}
