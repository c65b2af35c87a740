// `npm run bench`: what each attack costs at its defaults, in Node, on the WASM and CPU backends.
// For each attack and batch size: ms per image, gradient evaluations (forward+backward passes over the batch),
// and the overhead ratio = attack time / (gradient evaluations x time of one forward+backward at that batch
// size): 1.0 means the attack costs nothing beyond the gradients it needs.
// Model: models/standard when it exists, else buildEpsilonCnn() with random weights (noted in the output).
// The CPU backend takes seconds per gradient, so it runs batch 1 with capped step budgets (marked "capped");
// its ratio is still meaningful, and "ms/image at defaults" is extrapolated from it.
// Prints a table; asserts nothing. Flags: --backends wasm,cpu  --lean (BatchNorm-folded, unfused model function
// beside the shipped one)  --quick (capped budgets everywhere)  --attacks fgsm,pgd (a subset).
// Then a model with BatchNorm after ReLU: whether the folded path takes it, and its gradient against the unfolded one.
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { ATTACK_DEFAULTS, ATTACK_KINDS, runAttack, type ModelFn } from '../../src/attacks/index.ts';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';
import { toLogitsFn } from '../../src/model/modelFn.ts';
import { foldInference } from '../../src/model/foldedModel.ts';
import { CAPPED, cappedConfig, gradientTimes, median, textTable, timeRuns } from '../../src/bench/measure.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { buildBnAfterReluCnn } from '../../src/bench/bnAfterRelu.ts';
import { loadModelDir, modelExists } from '../../node/modelDir.ts';

const { values: a } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm,cpu' },
    lean: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    attacks: { type: 'string', default: ATTACK_KINDS.join(',') },
  },
});
const kinds = ATTACK_KINDS.filter((k) => a.attacks.split(',').includes(k));
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
  /** Timed runs of the attack (interleaved with the reference gradient); the medians are shown. */
  repeats: number;
  floor: number;
  beyond: number;
  defaultsMsPerImage?: number;
}

/** Short attacks are repeated for about this long (ms), at most MAX_REPEATS times, each followed by a gradient. */
const REPEAT_MS = 4000;
const MAX_REPEATS = 15;

const rows: Row[] = [];
const notes: string[] = [];

for (const backend of backends) {
  await useBackend(backend);
  const standard = modelExists('standard');
  const layers = standard ? (await loadModelDir('standard')).model : buildEpsilonCnn();
  if (!standard) notes.push('models/standard is absent: buildEpsilonCnn() with random weights stands in.');
  const fns: [string, ModelFn][] = [['shipped', toLogitsFn(layers)]];
  const lean = a.lean ? foldInference(layers) : null;
  if (lean) fns.push(['folded', lean.modelFn]); // what the app attacks (models/registry.ts)
  const batches = backend === 'cpu' ? [1] : [1, 32];
  for (const [fnName, model] of fns) {
    for (const batch of batches) {
      const { x, labels } = await cifarBatch('test', 0, batch);
      const capped = a.quick || backend === 'cpu';
      const runs = backend === 'cpu' ? 1 : 3;
      await gradientTimes(model, x, labels, 1); // warm-up
      const f = await forwardMs(model, x, runs);
      console.log(`[${backend} ${fnName} batch ${batch}] forward ${f.toFixed(1)} ms`);
      for (const kind of kinds) {
        const config = capped ? cappedConfig(kind) : ATTACK_DEFAULTS[kind];
        // Warm-up with a small budget: first uses of ops and shapes are not the attack's cost.
        (await runAttack(model, x, labels, cappedConfig(kind), { seed: 0 })).adversarial.dispose();
        // The reference gradient and the attack are timed the same way (wall clock up to the read-back), interleaved
        // so that a shared machine's load weighs on both alike, and repeated while they are short: medians of both.
        const grads = await gradientTimes(model, x, labels, runs);
        const times: number[] = [];
        const forwards: number[] = [];
        let r: Awaited<ReturnType<typeof runAttack>>;
        const until = performance.now() + REPEAT_MS;
        do {
          r = await runAttack(model, x, labels, config, { seed: 0 });
          r.adversarial.dispose();
          times.push(r.elapsedMs);
          grads.push(...(await gradientTimes(model, x, labels, times.length === 1 ? runs : 1)));
          forwards.push(...(await timeRuns(1, () => model(x))));
        } while (times.length < MAX_REPEATS && performance.now() < until);
        const fb = median(grads);
        const ms = median(times);
        const row: Row = {
          backend,
          fn: fnName,
          attack: kind,
          batch,
          capped: capped && Object.keys(CAPPED[kind]).length > 0,
          msPerImage: ms / batch,
          gradEvals: r.gradientEvaluations,
          fbMs: fb,
          overhead: ms / (r.gradientEvaluations * fb),
          // Every attack ends with one forward pass over its result (the adversarial prediction): no gradient
          // evaluation, but work no attack can skip. The overhead it alone accounts for, and what remains beyond it.
          floor: 1 + median(forwards) / (r.gradientEvaluations * fb),
          beyond: ms / (r.gradientEvaluations * fb + median(forwards)),
          repeats: times.length,
          success: r.success.filter(Boolean).length / batch,
        };
        rows.push(row);
        const seconds = (ms / 1000).toFixed(2);
        const evaluations = +r.gradientEvaluations.toFixed(2);
        const cappedNote = row.capped ? ' (capped budget)' : '';
        console.log(
          `  ${kind.padEnd(8)} ${seconds} s (median of ${times.length}), ${evaluations} gradient evaluations of ${fb.toFixed(1)} ms, ` +
            `overhead ${row.overhead.toFixed(2)}${cappedNote}`,
        );
      }
      x.dispose();
    }
  }
  lean?.dispose();
  layers.dispose();
}

// BatchNorm after ReLU: does the folding take it, and what does it save per gradient?
interface FoldRow {
  backend: string;
  batch: number;
  folded: boolean;
  unfoldedMs: number;
  foldedMs: number;
  maxLogitDiff: number;
  fgsmOverhead: number;
}
const foldRows: FoldRow[] = [];
for (const backend of backends) {
  await useBackend(backend);
  const layers = buildBnAfterReluCnn();
  const unfolded = toLogitsFn(layers);
  const folded = foldInference(layers);
  for (const batch of backend === 'cpu' ? [1] : [1, 32]) {
    const { x, labels } = await cifarBatch('test', 0, batch);
    const f = folded?.modelFn ?? unfolded;
    await gradientTimes(unfolded, x, labels, 1); // warm-up
    await gradientTimes(f, x, labels, 1);
    (await runAttack(f, x, labels, ATTACK_DEFAULTS.fgsm)).adversarial.dispose();
    // Interleaved, as above.
    const u: number[] = [],
      g: number[] = [],
      fgsm: number[] = [];
    for (let i = 0; i < (backend === 'cpu' ? 2 : 7); i++) {
      u.push(...(await gradientTimes(unfolded, x, labels, 1)));
      g.push(...(await gradientTimes(f, x, labels, 1)));
      const r = await runAttack(f, x, labels, ATTACK_DEFAULTS.fgsm);
      r.adversarial.dispose();
      fgsm.push(r.elapsedMs);
    }
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(unfolded(x), f(x)))));
    foldRows.push({
      backend,
      batch,
      folded: folded !== null,
      unfoldedMs: median(u),
      foldedMs: median(g),
      maxLogitDiff: (await diff.data())[0]!,
      fgsmOverhead: median(fgsm) / median(g),
    });
    diff.dispose();
    x.dispose();
  }
  folded?.dispose();
  layers.dispose();
}

// Capped rows: the cost at defaults = (cost per gradient evaluation here) x (evaluations an uncapped run of the
// same attack, model function and batch used on another backend).
for (const row of rows.filter((r) => r.capped)) {
  const ref = rows.find((r) => !r.capped && r.attack === row.attack && r.batch === row.batch && r.fn === row.fn);
  if (ref && ref.gradEvals > 0) row.defaultsMsPerImage = (ref.gradEvals * row.fbMs * row.overhead) / row.batch;
}

const header = [
  'backend',
  'model fn',
  'attack',
  'batch',
  'runs',
  'ms/image',
  'grad evals',
  'fwd+bwd ms',
  'overhead',
  'of which final fwd',
  'beyond passes',
  'success',
  'note',
];
// A gradient-free attack (Square: forward passes only) has no gradient evaluations to compare with.
const ratio = (v: number, text: string) => (Number.isFinite(v) ? text : '—');
if (rows.some((r) => r.gradEvals === 0)) notes.push('square uses forward passes only (its queries): no gradient evaluations, so no overhead ratio.');
const table = rows.map((r) => [
  r.backend,
  r.fn,
  r.attack,
  String(r.batch),
  String(r.repeats),
  r.msPerImage.toFixed(1),
  String(+r.gradEvals.toFixed(2)),
  r.fbMs.toFixed(1),
  ratio(r.overhead, r.overhead.toFixed(2)),
  ratio(r.floor, `+${(r.floor - 1).toFixed(2)}`),
  ratio(r.beyond, r.beyond.toFixed(2)),
  `${Math.round(r.success * 100)}%`,
  r.capped ? `capped budget${r.defaultsMsPerImage === undefined ? '' : `; at defaults ~${r.defaultsMsPerImage.toFixed(0)} ms/image`}` : '',
]);
console.log('');
console.log(textTable(header, table));
console.log('');
console.log('BatchNorm after ReLU (conv-relu-BN-pool-conv-relu-BN-pool-flatten-dense, random weights and statistics):');
console.log(
  textTable(
    [
      'backend',
      'batch',
      'folded path used',
      'fwd+bwd ms unfolded',
      'fwd+bwd ms folded',
      'speed-up',
      'max |logit difference|',
      'FGSM overhead (folded)',
    ],
    foldRows.map((r) => [
      r.backend,
      String(r.batch),
      r.folded ? 'yes' : 'NO (layers model)',
      r.unfoldedMs.toFixed(1),
      r.foldedMs.toFixed(1),
      `${(r.unfoldedMs / r.foldedMs).toFixed(2)}x`,
      r.maxLogitDiff.toExponential(1),
      r.fgsmOverhead.toFixed(2),
    ]),
  ),
);
console.log('');
for (const n of new Set(notes)) console.log(`Note: ${n}`);
console.log('Overhead = attack time / (gradient evaluations x one forward+backward at that batch). One forward+backward is');
console.log('the pass the attacks take (the input gradient of the cross-entropy), timed like the attack (wall clock to the');
console.log('read-back), interleaved with the attack runs; both are medians ("runs": timed attack runs, one gradient after each).');
console.log('Attack time includes input validation, the clean and final forward passes and per-step read-backs. "of which');
console.log('final fwd": the share of the overhead that is the one forward pass over the result every attack ends with');
console.log('(its adversarial prediction); "beyond passes" = attack time / (gradient evaluations x gradient + that forward).');
console.log('DeepFool counts one evaluation per candidate class, step and image still moving, in whole-batch units; its');
console.log('passes run on copies of the images (several candidates per pass), which is why its ratio can be below 1.');
console.log(`tfjs ${tf.version.tfjs}; ${process.arch}; node ${process.version}.`);
