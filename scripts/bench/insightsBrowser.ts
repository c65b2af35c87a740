// The insight views in Debian's Chromium on the built site (run `npm run build` first), per backend (#backend=):
// the gradient view (both shipped models, after a new image is picked, models already loaded), a 41x41 decision
// landscape for both models, and how live the FGSM slider stays while a landscape computes (slider input ->
// updated prediction on screen, with and without a landscape computing). Prints a table; asserts nothing.
// BENCH_BACKENDS=wasm measures one backend (wasm,webgl by default).
import type { Page } from 'playwright-core';
import { median, textTable } from '../../src/bench/measure.ts';
import { openApp, stopServer } from '../../node/browser.ts';

const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'wasm,webgl').split(',').filter((b): b is 'webgl' | 'wasm' => b === 'webgl' || b === 'wasm');
const EVENTS = 20;

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
for (const backend of BACKENDS) {
  const s = await openApp({ hash: `#backend=${backend}&image=1022&attack=fgsm` });
  const p = s.page;
  await p.getByTestId('verdict').waitFor({ timeout: 180_000 });
  const backendLine = (await p.getByTestId('backend-line').textContent()) ?? backend;

  // Gradient view: the first time loads the robust model too; then a new image, models loaded.
  const gradients = p.getByRole('region', { name: 'Input gradients' });
  let t = Date.now();
  await gradients.scrollIntoViewIfNeeded();
  await gradients.getByTestId('gradient-maps').waitFor({ timeout: 180_000 });
  const firstGradient = Date.now() - t;
  // A cat: another class than image 1022 (an airplane), so surely another image.
  t = Date.now();
  await p.getByRole('button', { name: /^cat, CIFAR-10 test image/ }).first().click();
  await gradients.getByTestId('gradient-maps').waitFor({ state: 'detached', timeout: 30_000 });
  await gradients.getByTestId('gradient-maps').waitFor({ timeout: 180_000 });
  const gradientMs = Date.now() - t;
  await p.getByRole('button', { name: /CIFAR-10 test image 1022/ }).click();
  await p.getByTestId('verdict').waitFor({ timeout: 180_000 });

  // Slider alone.
  const quiet = await sliderRun(p);

  // Landscape alone.
  const landscape = p.getByRole('region', { name: 'Decision landscape' });
  const draw = () => landscape.getByRole('button', { name: /Draw the landscape|Draw again/ }).click();
  const running = () => landscape.getByLabel('Landscape progress').isVisible();
  t = Date.now();
  await draw();
  await landscape.getByTestId('landscape-robust').waitFor({ timeout: 600_000 });
  await landscape.getByLabel('Landscape progress').waitFor({ state: 'detached', timeout: 60_000 });
  const landscapeMs = Date.now() - t;

  // Slider while a landscape computes: events are measured until the landscape ends or EVENTS are done.
  await draw();
  await landscape.getByLabel('Landscape progress').waitFor({ timeout: 60_000 });
  const busy = await sliderRun(p, running);
  await landscape.getByLabel('Landscape progress').waitFor({ state: 'detached', timeout: 600_000 });

  console.log(`\n${backendLine}`);
  rows.push([
    backend, String(firstGradient), String(gradientMs), (landscapeMs / 1000).toFixed(1),
    `${median(quiet.ms).toFixed(0)} / ${p90(quiet.ms).toFixed(0)}`,
    `${median(busy.ms).toFixed(0)} / ${p90(busy.ms).toFixed(0)} (${busy.during} of ${EVENTS} during)`,
  ]);
  await s.close();
}
await stopServer();
console.log('\nInsight views in Chromium (image 1022; both shipped models; landscape 41x41 over +-16/255)');
console.log(textTable(
  ['backend', 'first gradient view ms (loads models)', 'gradient view ms (new image)', 'landscape s',
    'slider ms median / p90', 'slider ms while landscape computes'],
  rows,
));
