// Part (d) of `npm run bench:browser`: the app's own Fast-AT training (its training worker, on WASM), started as a
// user does with the page's default recipe, its budget sized to about 5 minutes from a short first run's images/s.
// After 2 and after 5 minutes the page pauses, the trained copy is downloaded with the page's "Download tfjs files",
// and training resumes; after the last, the run is stopped and the page's own final check of those weights printed.
// Then, in Node, clean and PGD-10 accuracy (at the recipe's epsilon and at 8/255) of the starting model, the shipped
// robust model and both snapshots on the first 500 CIFAR-10 test images (the page's final check; the page trains on
// train images only), with the library's evaluate().
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { pgdEvaluation } from '../../src/attacks/index.ts';
import { evaluate } from '../../src/evaluation/index.ts';
import { DEFAULT_TRAINING, chosenMethod } from '../../src/state/trainingSlice.ts';
import { formatTrainingEps, methodEps } from '../../src/training/index.ts';
import { textTable } from '../../src/bench/measure.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { loadModelDir } from '../../node/modelDir.ts';
import { backendLine, openEmulated } from './browserSession.ts';

const MINUTES = (process.env.BENCH_TRAIN_MINUTES ?? '2,5').split(',').map(Number);
/** The page's final check: its first 500 held-out images (test images 0..499). */
const HELD_OUT = 500;
/** BENCH_TRAIN_LR=0.01: another peak learning rate, typed into the form as a user would (the page default otherwise). */
const LR = process.env.BENCH_TRAIN_LR;
const PROBE_MS = Number(process.env.BENCH_PROBE_S ?? 30) * 1000;
/** Playwright waits forever for a button by default. */
const CLICK_MS = 120_000;
/** Progress on stderr, so a long run shows where it is. */
const note = (m: string) => console.error(`  [training ${new Date().toISOString().slice(11, 19)}] ${m}`);

const statusText = async (p: Page) => (await p.getByTestId('training-status').textContent()) ?? '';
/**
 * Images per second of wall clock so far, from the status line's "N examples · ... · T elapsed": unlike its images/s
 * (training steps only), it counts the held-out evaluations too, so the budget fits the time.
 */
function rate(status: string): number {
  const examples = Number(/(\d+) examples/.exec(status)?.[1] ?? NaN);
  const t = /(?:(\d+) min )?(\d+) s elapsed/.exec(status);
  return t ? examples / (Number(t[1] ?? 0) * 60 + Number(t[2])) : NaN;
}

/** Downloads the selected model's tfjs files into dir/name/ (model.json + weights). */
async function download(p: Page, dir: string, name: string): Promise<string> {
  const details = p.locator('details.saved-models');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click({ timeout: CLICK_MS });
  await p.getByLabel('Name', { exact: true }).fill(name, { timeout: CLICK_MS });
  const files: string[] = [];
  const got = new Promise<void>((resolve) => {
    p.on('download', async (d) => {
      const target = join(dir, name);
      mkdirSync(target, { recursive: true });
      const file = d.suggestedFilename();
      await d.saveAs(join(target, file));
      files.push(file);
      if (files.length === 2) resolve();
    });
  });
  await p.getByRole('button', { name: 'Download tfjs files' }).click({ timeout: CLICK_MS });
  await got;
  p.removeAllListeners('download');
  renameSync(join(dir, name, `${name}.json`), join(dir, name, 'model.json'));
  return join(dir, name);
}

async function waitStatus(p: Page, re: RegExp, timeout = 240_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const s = await statusText(p);
    if (re.test(s)) return s;
    if (Date.now() > until) throw new Error(`training status "${s}" never matched ${re}`);
    await p.waitForTimeout(250);
  }
}

export async function trainingPart(): Promise<void> {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'epsilon-bench-'));
  const s = await openEmulated('#backend=wasm');
  const snapshots: { minutes: number; dir: string; examples: number; status: string }[] = [];
  let line = '',
    workers = '',
    budget = 0,
    probeRate = 0,
    pageCheck = '';
  let longTasks: number[] = [];
  try {
    const p = s.page;
    await p.getByTestId('verdict').waitFor({ timeout: 180_000 });
    line = await backendLine(s);
    if (LR) await p.getByLabel(/^Peak learning rate/).fill(LR, { timeout: CLICK_MS });
    // A short first run for the images/s, then back to the pretrained model.
    await p.getByRole('button', { name: 'Start' }).click({ timeout: CLICK_MS });
    await waitStatus(p, /Status: running · \d+ examples/);
    await p.waitForTimeout(PROBE_MS);
    probeRate = rate(await statusText(p));
    note(`first run: ${await statusText(p)}`);
    // What the training worker sees (only it: tfjs's pthread workers may sit in a blocking wait and never answer).
    workers = (
      await Promise.all(
        p
          .workers()
          .filter((w) => /trainingWorker/.test(w.url()))
          .map((w) =>
            Promise.race([
              w.evaluate('`sees ${navigator.hardwareConcurrency} logical cores, ${crossOriginIsolated ? "" : "not "}cross-origin isolated`'),
              new Promise((resolve) => setTimeout(() => resolve('did not answer'), 5000)),
            ]),
          ),
      )
    ).join('; ');
    await p.getByRole('button', { name: 'Stop' }).click({ timeout: CLICK_MS });
    note(`stopping: ${await statusText(p)}`);
    // Stop leads to the final held-out check; the probe does not need it.
    if (/^Status: checking/.test(await waitStatus(p, /^Status: (checking|stopped)/)))
      await p.getByRole('button', { name: 'Skip the final check' }).click({ timeout: CLICK_MS });
    await waitStatus(p, /^Status: stopped/);
    await p.getByRole('button', { name: 'Reset to pretrained' }).click({ timeout: CLICK_MS });
    note('reset to pretrained');
    // The budget a teacher would set for the longest time wanted, in the form's steps of 500.
    budget = Math.max(500, Math.round((probeRate * 60 * Math.max(...MINUTES)) / 500) * 500);
    await p.getByLabel(/^Budget/).fill(String(budget), { timeout: CLICK_MS });
    note(`budget ${budget} examples; starting`);
    await p.getByRole('button', { name: 'Start' }).click({ timeout: CLICK_MS });
    await waitStatus(p, /Status: running · \d+ examples/);
    // The page's main thread while its worker trains: tasks over 50 ms (Long Tasks API) delay every click.
    await p.evaluate(
      'window.__longTasks = []; ' +
        "new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' })",
    );
    let trained = 0; // ms of running, pauses excluded
    let since = Date.now();
    for (const minutes of MINUTES) {
      while (trained + (Date.now() - since) < minutes * 60_000 && !/^Status: (finished|stopped|restored|failed)/.test(await statusText(p)))
        await p.waitForTimeout(1000);
      trained += Date.now() - since;
      const running = /^Status: running/.test(await statusText(p));
      if (minutes === MINUTES[0]) longTasks = (await p.evaluate('window.__longTasks')) as number[];
      if (running) {
        await p.getByRole('button', { name: 'Pause' }).click({ timeout: CLICK_MS });
        await waitStatus(p, /^Status: paused/);
      }
      const status = await statusText(p);
      note(`${minutes} min: ${status}; downloading`);
      snapshots.push({
        minutes,
        dir: await download(p, dir, `after-${minutes}-min`),
        examples: Number(/(\d+) examples/.exec(status)?.[1] ?? 0),
        status,
      });
      if (running && minutes !== MINUTES.at(-1)) await p.getByRole('button', { name: 'Resume' }).click({ timeout: CLICK_MS });
      since = Date.now();
    }
    // The page's own final check of the last snapshot's weights: Stop (or the budget's end) leads to it.
    if (/^Status: paused/.test(await statusText(p))) await p.getByRole('button', { name: 'Stop' }).click({ timeout: CLICK_MS });
    await waitStatus(p, /^Status: (finished|stopped|restored|failed)/, 600_000);
    pageCheck = /Final check: [^(]*\(95%\)\./.exec((await p.getByTestId('tradeoff-note').textContent()) ?? '')?.[0] ?? 'none shown';
  } finally {
    await s.close();
  }
  const browserSeconds = (Date.now() - t0) / 1000;

  await useBackend('wasm');
  const { x, labels } = await cifarBatch('test', 0, HELD_OUT);
  // PGD-10 at the recipe's training epsilon, and at 8/255 (the papers' figure) when that differs.
  const trainEps = methodEps(chosenMethod(DEFAULT_TRAINING));
  const epsilons = [...new Set([trainEps, 8 / 255])];
  const rows: string[][] = [];
  const models: [string, string, number][] = [
    ['0 (standard)', 'standard', 0],
    ['robust (shipped)', 'robust', 0],
    ...snapshots.map((s) => [`${s.minutes}`, s.dir, s.examples] as [string, string, number]),
  ];
  for (const [label, path, examples] of models) {
    const { model } = await loadModelDir(path);
    const clean = await evaluate(model, x, labels);
    const robust: string[] = [];
    for (const eps of epsilons)
      robust.push(`${((await evaluate(model, x, labels, { attack: pgdEvaluation(eps), seed: 0 })).accuracy * 100).toFixed(1)}%`);
    rows.push([label, String(examples), `${(clean.accuracy * 100).toFixed(1)}%`, ...robust]);
    model.dispose();
  }
  x.dispose();
  const r = DEFAULT_TRAINING;
  const lrNote = LR ? ` but lr ${LR} (BENCH_TRAIN_LR)` : `: lr ${r.learningRate}`;
  console.log(
    `\n(d) In-page Fast-AT (the app's training worker) on WASM, page defaults${lrNote}, batch ${r.batchSize}, warm-up ${r.warmupFraction * 100}%,`,
  );
  console.log(`    budget ${budget} examples (~${Math.max(...MINUTES)} min at the first run's ${probeRate.toFixed(1)} images/s); ${line}`);
  if (workers) console.log(`    training worker: ${workers}`);
  const longest = Math.max(0, ...longTasks).toFixed(0);
  console.log(
    `    page's main thread over the first ${MINUTES[0]} min of training: longest task ${longest} ms, ${longTasks.length} tasks over 50 ms`,
  );
  console.log(
    `    held-out: the first ${HELD_OUT} CIFAR-10 test images (the page's final check), ` +
      'evaluated in Node (evaluate(), PGD-10 of step 2.5 eps / 10, random start);',
  );
  console.log(`    the page's own ${pageCheck}`);
  console.log(`    browser ${browserSeconds.toFixed(0)} s, evaluation ${((Date.now() - t0) / 1000 - browserSeconds).toFixed(0)} s`);
  console.log(
    textTable(['minutes of training', 'examples seen', 'clean accuracy', ...epsilons.map((e) => `PGD-10 at ${formatTrainingEps(e)}`)], rows),
  );
  tf.disposeVariables();
}
