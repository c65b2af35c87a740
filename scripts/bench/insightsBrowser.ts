// The insight views in Debian's Chromium on the built site (run `npm run build` first), per backend (#backend=):
// the gradient view (both shipped models, after a new image is picked, models already loaded), a 41x41 decision
// landscape for both models, and how live the FGSM slider stays while a landscape computes (slider input ->
// updated prediction on screen, with and without a landscape computing). Prints a table; asserts nothing.
// BENCH_BACKENDS=wasm measures one backend (wasm,webgl by default). A landscape still running after
// BENCH_LANDSCAPE_S seconds (90 by default; software WebGL takes many minutes) is cancelled, and its time extrapolated
// from its progress (marked "~").
import type { Page } from 'playwright-core';
import { median, textTable } from '../../src/bench/measure.ts';
import { openApp, stopServer } from '../../node/browser.ts';

const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'wasm,webgl').split(',').filter((b): b is 'webgl' | 'wasm' => b === 'webgl' || b === 'wasm');
const EVENTS = 20;
const LANDSCAPE_S = Number(process.env.BENCH_LANDSCAPE_S ?? 90);

/** One slider input event -> the readout showing that eps, in ms (the same measure as scripts/bench/browser.ts). */
function sliderLatency(page: Page, eps: number): Promise<number> {
  // A string, not a closure: the TypeScript loader would add helpers the page does not have.
  return page.evaluate(`new Promise((resolve) => {
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
  })`) as Promise<number>;
}

async function sliderRun(page: Page, while_?: () => Promise<boolean>): Promise<{ ms: number[]; during: number }> {
  const ms: number[] = [];
  let during = 0;
  for (let i = 0; i < EVENTS; i++) {
    const eps = [2, 4, 6, 8, 10][i % 5]! + (i % 2 ? 0.5 : 0);
    ms.push(await sliderLatency(page, eps));
    if (while_ && (await while_())) during++;
  }
  return { ms, during };
}

const rows: string[][] = [];
async function measure(backend: 'wasm' | 'webgl'): Promise<void> {
  const s = await openApp({ hash: `#backend=${backend}&image=1022&attack=fgsm` });
  const p = s.page;
  try {
    await p.getByTestId('verdict').waitFor({ timeout: 180_000 });
    const backendLine = (await p.getByTestId('backend-line').textContent()) ?? backend;

    // Gradient view: the first time loads the robust model too; then a new image, models loaded.
    const gradients = p.getByRole('region', { name: 'Input gradients' });
    let t = Date.now();
    await gradients.scrollIntoViewIfNeeded();
    await gradients.getByTestId('gradient-maps').waitFor({ timeout: 180_000 });
    const firstGradient = Date.now() - t;
    // A cat (another class than image 1022, an airplane), clicked in the page: the maps go and come back within
    // a poll interval, so the page itself watches them.
    const gradientMs = (await p.evaluate(`new Promise((resolve) => {
      const region = document.querySelector('[data-testid="gradient-view"]');
      let gone = false;
      const start = performance.now();
      const observer = new MutationObserver(() => {
        const maps = region.querySelector('[data-testid="gradient-maps"]');
        if (!maps) gone = true;
        else if (gone) { observer.disconnect(); resolve(performance.now() - start); }
      });
      observer.observe(region, { subtree: true, childList: true });
      document.querySelector('button[aria-label^="cat, "]').click();
    })`)) as number;
    await p.getByRole('button', { name: /CIFAR-10 test image 1022/ }).click();
    await p.getByTestId('verdict').waitFor({ timeout: 180_000 });

    // Slider alone.
    const quiet = await sliderRun(p);

    // Landscape alone: to the end, or its progress when the time is up.
    const landscape = p.getByRole('region', { name: 'Decision landscape' });
    const progress = landscape.getByLabel('Landscape progress');
    const draw = () => landscape.getByRole('button', { name: /Draw the landscape|Draw again/ }).click();
    const cancel = () => landscape.getByRole('button', { name: 'Cancel' }).click();
    t = Date.now();
    await draw();
    let landscapeText: string;
    try {
      await progress.waitFor({ state: 'detached', timeout: LANDSCAPE_S * 1000 });
      landscapeText = ((Date.now() - t) / 1000).toFixed(1);
    } catch {
      const done = Number(await progress.getAttribute('value'));
      await cancel();
      landscapeText =
        done > 0 ? `~${((Date.now() - t) / 1000 / done).toFixed(0)} (${Math.round(done * 100)}% in ${LANDSCAPE_S})` : `> ${LANDSCAPE_S}`;
    }

    // Slider while a landscape computes (then cancelled): how many events came while it was still running.
    await draw();
    await progress.waitFor({ timeout: 60_000 });
    const busy = await sliderRun(p, () => progress.isVisible());
    if (await progress.isVisible()) await cancel();

    console.log(`${backendLine}`);
    rows.push([
      backend,
      String(firstGradient),
      gradientMs.toFixed(0),
      landscapeText,
      `${median(quiet.ms).toFixed(0)} / ${p90(quiet.ms).toFixed(0)}`,
      `${median(busy.ms).toFixed(0)} / ${p90(busy.ms).toFixed(0)} (${busy.during} of ${EVENTS} during)`,
    ]);
  } finally {
    await s.close();
  }
}

for (const backend of BACKENDS) {
  try {
    await measure(backend);
  } catch (e) {
    rows.push([backend, `failed: ${e instanceof Error ? e.message.split('\n')[0]! : String(e)}`, '', '', '', '']);
  }
}
await stopServer();
console.log('\nInsight views in Chromium (image 1022; both shipped models; landscape 41x41 over +-16/255)');
console.log(
  textTable(
    [
      'backend',
      'first gradient view ms (loads models)',
      'gradient view ms (new image)',
      'landscape s',
      'slider ms median / p90',
      'slider ms while landscape computes',
    ],
    rows,
  ),
);
