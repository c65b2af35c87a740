// Part of `npm run bench`: C&W L2 at its defaults, before and after the folded model's prepared input gradient
// (foldInference's stride-1 convolutions), side by side from one run. At batch 1 (as the lab runs it) on WASM in
// Node, over the first test images models/standard gets right (C&W returns a wrong one at once). "Before" takes
// each step's input gradient through the backend's Conv2DBackpropInput, as the page did until this change (its
// filter turn is the new, cheaper one, so "before" here is a little faster than the page was). The two alternate
// image by image so both meet the same load. Prints a table; asserts nothing. Flags: --n 10 (images).
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { ATTACK_DEFAULTS, runAttack, type AttackResult } from '../../src/attacks/index.ts';
import { median, textTable } from '../../src/bench/measure.ts';
import { foldInference } from '../../src/model/foldedModel.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir } from '../../node/modelDir.ts';

const { values: a } = parseArgs({ options: { n: { type: 'string', default: '10' } } });
const count = Number(a.n);

await useBackend('wasm');
const { model: layers } = await loadModelDir('standard');
const paths = [
  { name: "before: the backend's input gradient", folded: foldInference(layers, { preparedInputGradient: false })! },
  { name: 'after: the prepared input gradient (default)', folded: foldInference(layers)! },
];
const config = ATTACK_DEFAULTS.cw;

const { x: pool, labels } = await cifarBatch('test', 0, 3 * count);
const preds = Array.from(await tf.tidy(() => tf.argMax(paths[1]!.folded.modelFn(pool), 1)).data());
const picked = labels.flatMap((l, i) => (preds[i] === l ? [i] : [])).slice(0, count);

interface Run {
  wallMs: number;
  cpuMs: number;
  l2: number;
  success: boolean;
  steps: number;
}
const runs: Run[][] = paths.map(() => []);
const attack = (p: number, x: tf.Tensor4D, label: number, cfg = config) => runAttack(paths[p]!.folded.modelFn, x, [label], cfg);

// Warm-up (WASM allocates and XNNPACK packs filters on first use).
for (let p = 0; p < paths.length; p++) {
  const x0 = tf.slice(pool, [picked[0]!], [1]);
  (await attack(p, x0, labels[picked[0]!]!, { ...config, steps: 5 })).adversarial.dispose();
  x0.dispose();
}
for (const [k, i] of picked.entries()) {
  const xi = tf.slice(pool, [i], [1]);
  for (const p of k % 2 === 0 ? [0, 1] : [1, 0]) {
    const cpu = process.cpuUsage();
    const r: AttackResult = await attack(p, xi, labels[i]!);
    const used = process.cpuUsage(cpu);
    runs[p]!.push({ wallMs: r.elapsedMs, cpuMs: (used.user + used.system) / 1000, l2: r.norms[0]!.l2, success: r.success[0]!, steps: r.steps[0]! });
    r.adversarial.dispose();
  }
  xi.dispose();
}
pool.dispose();
paths.forEach((p) => p.folded.dispose());

const [before, after] = runs as [Run[], Run[]];
const sameL2 = after.filter((r, m) => r.l2 === before[m]!.l2 && r.success === before[m]!.success).length;
const rows = paths.map((p, j) => {
  const r = runs[j]!;
  const ok = r.filter((v) => v.success);
  return [
    p.name,
    `${(median(r.map((v) => v.wallMs)) / 1000).toFixed(2)} s`,
    `${(r.reduce((s, v) => s + v.wallMs, 0) / r.length / 1000).toFixed(2)} s`,
    `${(median(r.map((v) => v.cpuMs)) / 1000).toFixed(2)} s`,
    median(ok.map((v) => v.l2)).toFixed(4),
    `${ok.length}/${r.length}`,
    median(r.map((v) => v.steps)).toFixed(0),
    `${median(r.map((v) => v.wallMs / v.steps)).toFixed(1)} ms`,
  ];
});
console.log(
  `C&W L2 at its defaults (${config.binarySearchSteps} searches x ${config.steps} Adam steps, c from ${config.initialConst}, abort early), ` +
    `batch 1, WASM in Node, models/standard (folded), ${picked.length} test images it gets right`,
);
console.log(textTable(['input gradient', 'time/image (median)', '(mean)', 'CPU/image', 'median L2', 'success', 'steps (median)', 'per step'], rows));
const speedRatio = (median(after.map((v) => v.wallMs)) / median(before.map((v) => v.wallMs))).toFixed(2);
console.log(`Same L2 distance and verdict on ${sameL2} of ${picked.length} images; time per image after / before: ${speedRatio}.`);
