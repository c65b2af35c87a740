// Part (a) of `npm run bench:browser`: the benchmark page (bench.html) on WASM with threads (cross-origin isolated
// by our service worker) and without (?isolate=0), same build; every attack at batch 1 and 32 with capped
// budgets, and each training method's images/s at batch 32. The thread counts are the page's own (tfjs's count).
import { CAPPED, textTable, type BenchRow } from '../../src/bench/measure.ts';
import type { TrainingBenchRow } from '../../src/bench/trainingBench.ts';
import { EMULATED_CORES, openEmulated } from './browserSession.ts';

interface PageResult {
  backend: string;
  threads: number | null;
  isolation: string | null;
  rows: BenchRow[];
  training: TrainingBenchRow[];
  error?: string;
}

const EMULATED_NOTE = `told it has ${EMULATED_CORES} cores, so tfjs-backend-wasm may run half as many threads`;
const TRAIN_BATCH = Number(process.env.BENCH_TRAIN_BATCH ?? 32);

async function benchPage(query: string): Promise<PageResult> {
  const s = await openEmulated(`bench.html${query}#backend=wasm&capped=1&batches=1,32&trainBatch=${TRAIN_BATCH}`);
  try {
    await s.page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, {
      timeout: 900_000,
      polling: 1000,
    });
    const r = (await s.page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as PageResult;
    if (r.error) throw new Error(`bench.html${query} failed: ${r.error}`);
    return r;
  } finally {
    await s.close();
  }
}

const speedUp = (off: number, on: number) => `${(off / on).toFixed(2)}x`;

export async function threadsPart(): Promise<void> {
  const t0 = Date.now();
  const on = await benchPage('');
  const off = await benchPage('?isolate=0');
  const cappedText = Object.entries(CAPPED)
    .filter(([, c]) => Object.keys(c).length > 0)
    .map(
      ([kind, c]) =>
        `${kind} ${Object.entries(c)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
    )
    .join('; ');
  const t = (r: PageResult) => `${r.threads ?? '?'} thread${r.threads === 1 ? '' : 's'} (${r.isolation ?? r.backend})`;
  console.log(`\n(a) Threads on against off, bench.html on WASM in Chromium (${EMULATED_NOTE}); capped budgets: ${cappedText}`);
  console.log(`    on: ${t(on)}; off: ${t(off)}; BatchNorm-folded standard model, as the app attacks it; ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(
    textTable(
      ['attack', 'batch', 'grad evals', `ms/image off (${off.threads})`, `ms/image on (${on.threads})`, 'speed-up', 'overhead off', 'overhead on'],
      on.rows.map((r) => {
        const o = off.rows.find((x) => x.attack === r.attack && x.batch === r.batch)!;
        return [
          r.attack,
          String(r.batch),
          String(+r.gradientEvaluations.toFixed(2)),
          o.msPerImage.toFixed(1),
          r.msPerImage.toFixed(1),
          speedUp(o.msPerImage, r.msPerImage),
          o.overhead.toFixed(2),
          r.overhead.toFixed(2),
        ];
      }),
    ),
  );
  if (on.training.length > 0) {
    console.log(`\n    Training steps, batch ${TRAIN_BATCH} (one timed step per method after a warm-up; on the page's thread)`);
    console.log(
      textTable(
        ['method', `images/s off (${off.threads})`, `images/s on (${on.threads})`, 'speed-up'],
        on.training.map((r) => {
          const o = off.training.find((x) => x.method === r.method)!;
          return [
            `${r.method}${r.detail ? ` (${r.detail})` : ''}`,
            o.imagesPerSecond.toFixed(1),
            r.imagesPerSecond.toFixed(1),
            speedUp(r.imagesPerSecond, o.imagesPerSecond),
          ];
        }),
      ),
    );
  }
}
