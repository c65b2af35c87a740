// Opt-in parts of `npm run bench:browser` (BENCH_PARTS=webgl, webgpu): the benchmark page on WebGL or WebGPU, every attack with
// capped budgets (SwiftShader is slow) and each training method's step. BENCH_BATCHES=1 skips attack batch 32,
// which takes many minutes on a software GPU; BENCH_TRAIN_BATCH sets the training steps' batch (16).
import { CAPPED, textTable, type BenchRow } from '../../src/bench/measure.ts';
import { trainingTable, type TrainingBenchRow } from '../../src/bench/trainingBench.ts';
import { openApp, WEBGPU_FLAGS } from '../../node/browser.ts';

/** The benchmark page on a GPU backend: WebGL (SwiftShader here), or WebGPU (Chromium's SwiftShader adapter, switched on by flags). */
export async function webglPart(backend: 'webgl' | 'webgpu' = 'webgl'): Promise<void> {
  const hash = `#backend=${backend}&batches=${process.env.BENCH_BATCHES ?? '1,32'}&trainBatch=${process.env.BENCH_TRAIN_BATCH ?? '16'}`;
  const s = await openApp({ hash, page: 'bench.html' }, backend === 'webgpu' ? WEBGPU_FLAGS : []);
  try {
    await s.page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, {
      timeout: 1_800_000,
      polling: 1000,
    });
    const result = (await s.page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
      backend: string;
      rows: BenchRow[];
      training: TrainingBenchRow[];
    };
    const cappedText = Object.entries(CAPPED)
      .filter(([, c]) => Object.keys(c).length > 0)
      .map(
        ([kind, c]) =>
          `${kind} ${Object.entries(c)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
      )
      .join('; ');
    console.log(`\nAttacks in Chromium on ${result.backend} (BatchNorm-folded standard model; capped budgets: ${cappedText})`);
    console.log(
      textTable(
        ['attack', 'batch', 'ms/image', 'grad evals', 'ms/grad eval', 'overhead'],
        result.rows.map((r) => [
          r.attack,
          String(r.batch),
          r.msPerImage.toFixed(1),
          String(+r.gradientEvaluations.toFixed(2)),
          r.gradientMs.toFixed(1),
          r.overhead.toFixed(2),
        ]),
      ),
    );
    if (result.training.length > 0) {
      console.log(`\nAdversarial-training steps in Chromium on ${result.backend} (one timed step per method after a warm-up)`);
      console.log(trainingTable(result.training));
    }
  } finally {
    await s.close();
  }
}
