// `npm run bench:browser`: what a user feels, measured in Debian's Chromium on the built site:
// page load -> first prediction on screen, and FGSM slider input event -> updated prediction on screen.
import { CAPPED, median, textTable, type BenchRow } from '../../src/bench/measure.ts';
import { trainingTable, type TrainingBenchRow } from '../../src/bench/trainingBench.ts';
import { openApp, stopServer } from '../../node/browser.ts';

const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;

// Main-thread tasks over 50 ms (Long Tasks API) and the delay of each click: from the input event's creation to
// its handler, i.e. how long the page made the user wait.
const RESPONSIVENESS = `
  window.__longTasks = [];
  window.__clickDelays = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  addEventListener('click', (e) => window.__clickDelays.push(performance.now() - e.timeStamp), true);
`;

// BENCH_BACKENDS=wasm measures one backend (webgl,wasm by default); the benchmark page runs when webgl is listed.
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'webgl,wasm').split(',').filter((b): b is 'webgl' | 'wasm' => b === 'webgl' || b === 'wasm');
for (const backend of BACKENDS) {
  const s = await openApp({ hash: `#backend=${backend}`, initScript: RESPONSIVENESS });
  await s.page.getByTestId('original-prediction').waitFor({ timeout: 120_000 });
  // performance.now() in the page counts from navigation start.
  const firstPrediction = await s.page.evaluate(() => performance.now());
  await s.page.getByTestId('verdict').waitFor({ timeout: 120_000 });
  const firstAttack = await s.page.evaluate(() => performance.now());
  const backendLine = await s.page.getByTestId('backend-line').textContent();

  // Slider latency: set eps by an input event, wait until the readout shows that eps.
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const eps = [2, 4, 6, 8, 10][i % 5]! + (i % 2 ? 0.5 : 0);
    // A string, not a closure: the TypeScript loader would add helpers the page does not have.
    const ms = (await s.page.evaluate(`new Promise((resolve) => {
      const slider = document.querySelector('input[data-param="eps"]');
      const readout = document.querySelector('[data-testid="readout-linf"]');
      const want = '(' + (${eps}).toFixed(2) + '/255)';
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (readout.textContent.includes(want)) { observer.disconnect(); resolve(performance.now() - start); }
      });
      observer.observe(readout, { subtree: true, characterData: true, childList: true });
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(slider, String(${eps}));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    })`)) as number;
    latencies.push(ms);
  }
  console.log(`\n${backendLine}`);
  console.log(`  page load -> first prediction on screen: ${firstPrediction.toFixed(0)} ms`);
  console.log(`  page load -> first FGSM result on screen: ${firstAttack.toFixed(0)} ms`);
  console.log(`  FGSM slider input -> updated prediction: median ${median(latencies).toFixed(1)} ms, p90 ${p90(latencies).toFixed(1)} ms (20 events)`);

  // Training in the page (Fast-AT, batch 16): the longest main-thread task, and how long clicks wait meanwhile.
  const p = s.page;
  await p.getByLabel(/^Budget/).fill('100000');
  await p.getByLabel(/^Batch size/).fill('16');
  await p.getByRole('button', { name: 'Start' }).click();
  await p.getByTestId('training-status').filter({ hasText: /Status: running · [1-9]\d* examples/ }).waitFor({ timeout: 300_000 });
  await p.evaluate('window.__longTasks.length = 0; window.__clickDelays.length = 0');
  const started = Date.now();
  const summary = p.getByText('Save or download this model');
  while (Date.now() - started < 30_000) {
    await summary.click(); // toggles a <details>: the page must take the click between training steps
    await p.waitForTimeout(1000);
  }
  const { longTasks, clickDelays, examples } = (await p.evaluate(`({ longTasks: window.__longTasks, clickDelays: window.__clickDelays,
    examples: document.querySelector('[data-testid="training-status"]').textContent })`)) as { longTasks: number[]; clickDelays: number[]; examples: string };
  await p.getByRole('button', { name: 'Stop' }).click();
  const clicks = clickDelays.length > 0
    ? `click delay median ${median(clickDelays).toFixed(0)} ms, max ${Math.max(...clickDelays).toFixed(0)} ms (${clickDelays.length} clicks)`
    : 'no clicks reached the page';
  console.log(`  while training (30 s; ${examples.replace(/^Status: /, '')}): longest main-thread task ${Math.max(0, ...longTasks).toFixed(0)} ms, ` +
    `${longTasks.length} tasks over 50 ms; ${clicks}`);
  await s.close();
}
// The CAPPED budgets in words, e.g. "pgd steps=3; cw binarySearchSteps=1, steps=5".
const cappedText = Object.entries(CAPPED).filter(([, c]) => Object.keys(c).length > 0)
  .map(([kind, c]) => `${kind} ${Object.entries(c).map(([k, v]) => `${k}=${v}`).join(', ')}`).join('; ');
// The benchmark page, on WebGL (capped attack budgets: SwiftShader is slow). BENCH_BATCHES=1 skips attack
// batch 32, which takes many minutes on a software GPU; BENCH_TRAIN_BATCH sets the training steps' batch (16).
for (const backend of BACKENDS.filter((b) => b === 'webgl')) {
  const s = await openApp({ hash: `#backend=${backend}&batches=${process.env.BENCH_BATCHES ?? '1,32'}&trainBatch=${process.env.BENCH_TRAIN_BATCH ?? '16'}`, page: 'bench.html' });
  await s.page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, { timeout: 600_000 });
  const result = (await s.page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    backend: string;
    rows: BenchRow[];
    training: TrainingBenchRow[];
  };
  console.log(`\nAttacks in Chromium on ${result.backend} (standard model${result.rows[0]?.capped ? `; capped budgets: ${cappedText}` : ', defaults'})`);
  console.log(textTable(['attack', 'batch', 'ms/image', 'grad evals', 'ms/grad eval', 'overhead'], result.rows.map((r) => [
    r.attack, String(r.batch), r.msPerImage.toFixed(1), String(+r.gradientEvaluations.toFixed(2)), r.gradientMs.toFixed(1), r.overhead.toFixed(2),
  ])));
  if (result.training.length > 0) {
    console.log(`\nAdversarial-training steps in Chromium on ${result.backend} (one timed step per method after a warm-up)`);
    console.log(trainingTable(result.training));
  }
  await s.close();
}
await stopServer();
console.log('\n(Chromium here renders WebGL with SwiftShader, a software GPU: a real GPU is much faster.)');
