// The benchmark page (bench.html): what each attack, and each adversarial-training method's step, costs on this
// browser's backend. scripts/bench/browser.ts opens this page in Chromium and prints window.__bench.
import { ATTACK_DEFAULTS, ATTACK_KINDS, runAttack } from '../attacks/index.ts';
import { errorMessage } from '../lib/index.ts';
import { chooseBackend } from '../runtime/backend/index.ts';
import { loadFromParts } from '../model/artifacts.ts';
import { toLogitsFn } from '../model/modelFn.ts';
import { foldInference } from '../model/foldedModel.ts';
import { evalImages } from '../runtime/measure/index.ts';
import { cappedConfig, gradientTimes, median, type BenchRow } from './measure.ts';
import { benchTraining, type TrainingBenchRow } from './trainingBench.ts';

/** Short attacks are repeated for about this long (ms), at most MAX_REPEATS times, each followed by a gradient. */
const REPEAT_MS = 2000;
const MAX_REPEATS = 9;

async function main(): Promise<void> {
  const out = document.getElementById('out')!;
  const params = new URLSearchParams(location.hash.slice(1));
  const asked = params.get('backend');
  const preferred = asked === 'wasm' || asked === 'webgpu' || asked === 'cpu' ? asked : 'webgl';
  // #batches=1 skips batch 32, which takes many minutes on a software GPU.
  const batches = (params.get('batches') ?? '1,32')
    .split(',')
    .map(Number)
    .filter((b) => b >= 1 && b <= 64);
  // #trainBatch=16: the batch of the training steps (a software GPU is slow); #trainBatch=0 skips them.
  const trainBatch = Math.min(128, Math.max(0, Number(params.get('trainBatch') ?? 16) || 0));
  const info = await chooseBackend(preferred);
  const base = `${import.meta.env.BASE_URL}models/standard/`;
  const load = async () => loadFromParts(await (await fetch(`${base}model.json`)).text(), async (p) => (await fetch(base + p)).arrayBuffer());
  const model = await load();
  // The function the app attacks (models/registry.ts): BatchNorm folded in when the layers allow it.
  const logits = foldInference(model)?.modelFn ?? toLogitsFn(model);
  const rows: BenchRow[] = [];
  // #capped=1: capped budgets on WASM too (scripts/bench/browser.ts's threads on/off comparison).
  const capped = info.name !== 'wasm' || params.get('capped') === '1';
  for (const batch of batches) {
    const { x, labels } = await evalImages(batch);
    await gradientTimes(logits, x, labels, 1); // warm-up
    for (const kind of ATTACK_KINDS) {
      const config = capped ? cappedConfig(kind) : ATTACK_DEFAULTS[kind];
      // Warm-up (first uses of ops and shapes) with a small budget, except on WebGL: there each new shape compiles
      // shaders, and later steps of the full run can meet shapes a capped one does not.
      const warmUp = info.name === 'webgl' || capped ? config : cappedConfig(kind);
      (await runAttack(logits, x, labels, warmUp)).adversarial.dispose();
      // The attack and its reference gradient timed alike and interleaved (the machine may be busy), the attack
      // repeated while it is short: medians of both.
      const times: number[] = [];
      const grads: number[] = [];
      let r: Awaited<ReturnType<typeof runAttack>>;
      const until = performance.now() + REPEAT_MS;
      do {
        r = await runAttack(logits, x, labels, config);
        r.adversarial.dispose();
        times.push(r.elapsedMs);
        grads.push(...(await gradientTimes(logits, x, labels, 1)));
      } while (times.length < MAX_REPEATS && performance.now() < until);
      const ms = median(times);
      const grad = median(grads);
      rows.push({
        attack: kind,
        batch,
        msPerImage: ms / batch,
        gradientEvaluations: r.gradientEvaluations,
        gradientMs: grad,
        overhead: ms / (r.gradientEvaluations * grad),
        capped,
      });
      out.textContent = JSON.stringify(rows, null, 1);
    }
    x.dispose();
  }
  const training: TrainingBenchRow[] = [];
  if (trainBatch > 0) {
    const copy = await load(); // the steps change its weights
    const { x, labels } = await evalImages(trainBatch);
    await benchTraining(copy, x, labels, {
      steps: 1,
      onRow: (r) => {
        training.push(r);
        out.textContent = JSON.stringify({ rows, training }, null, 1);
      },
    });
    x.dispose();
    copy.dispose();
  }
  // The threads WASM really runs on (tfjs caps them), and how the page came to be isolated or not.
  const threads = info.wasm?.threads ?? null;
  (window as unknown as { __bench: unknown }).__bench = { backend: info.name, threads, isolation: info.wasm?.isolation ?? null, rows, training };
}

main().catch((e: unknown) => {
  document.getElementById('out')!.textContent = `failed: ${errorMessage(e)}`;
  (window as unknown as { __bench: unknown }).__bench = { error: String(e) };
});
