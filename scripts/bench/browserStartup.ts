// Parts (b) and (c) of `npm run bench:browser`, in one page per backend: (b) the startup with no #backend= in the
// link (the remembered choice cleared, so the page measures and picks) against forcing WebGL: the choice and its
// reason, and the time from opening the link to the first prediction and the first attack result on screen
// (a first visit: it includes the service worker's one reload into isolation); (c) a scripted 5-second drag of
// the live FGSM epsilon slider, a stream of input events at about 60 Hz, counting the results the page renders.
import { median, textTable } from '../../src/bench/measure.ts';
import { backendLine, openEmulated } from './browserSession.ts';

export const DRAG_MS = 5000;

export interface Drag {
  inputs: number;
  updates: number;
  distinct: number;
  readoutTimes: string[];
}

/** The drag, as a string (the TypeScript loader would add helpers the page does not have). */
export const DRAG = `new Promise((resolve) => {
  const slider = document.querySelector('input[data-param="eps"]');
  const readout = document.querySelector('[data-testid="readout-linf"]');
  const time = () => document.querySelector('[data-testid="readout-time"]')?.textContent ?? '';
  const seen = new Set([readout.textContent]);
  const readoutTimes = [];
  let updates = 0, inputs = 0;
  const observer = new MutationObserver(() => {
    updates++;
    seen.add(readout.textContent);
    readoutTimes.push(time());
  });
  observer.observe(readout, { subtree: true, characterData: true, childList: true });
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const lo = Number(slider.min), hi = Number(slider.max);
  const start = performance.now();
  const timer = setInterval(() => {
    const t = performance.now() - start;
    if (t >= ${DRAG_MS}) {
      clearInterval(timer);
      observer.disconnect();
      resolve({ inputs, updates, distinct: seen.size - 1, readoutTimes });
      return;
    }
    // Up and down the first half of the slider's range, twice.
    const phase = (t / ${DRAG_MS / 2}) % 2;
    setter.call(slider, String(lo + (hi - lo) * 0.5 * (phase < 1 ? phase : 2 - phase)));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    inputs++;
  }, 1000 / 60);
})`;

interface Run {
  link: string;
  line: string;
  reason: string;
  firstPrediction: number;
  firstAttack: number;
  drag: Drag;
}

async function run(hash: string, drag: boolean): Promise<Run> {
  // Clear the remembered choice, so the page decides as on a first visit.
  const s = await openEmulated(hash, "localStorage.removeItem('epsilon-backend-choice')");
  try {
    const t0 = Date.now();
    await s.page.getByTestId('original-prediction').waitFor({ timeout: 180_000 });
    const firstPrediction = Date.now() - t0;
    await s.page.getByTestId('verdict').waitFor({ timeout: 180_000 });
    const firstAttack = Date.now() - t0;
    const line = await backendLine(s);
    const reason =
      (await s.page
        .getByTestId('backend-reason')
        .textContent()
        .catch(() => '')) ?? '';
    const d = drag ? ((await s.page.evaluate(DRAG)) as Drag) : { inputs: 0, updates: 0, distinct: 0, readoutTimes: [] };
    return { link: hash || '(no #backend=)', line, reason, firstPrediction, firstAttack, drag: d };
  } finally {
    await s.close();
  }
}

export const ms = (text: string) => {
  const m = /([\d.]+)\s*(ms|s)\b/.exec(text);
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : NaN;
};

export async function startupAndSliderPart(parts: { startup: boolean; slider: boolean }): Promise<void> {
  const t0 = Date.now();
  const runs = [await run('', parts.slider), await run('#backend=webgl', parts.slider)];
  if (parts.startup) {
    console.log(`\n(b) Startup on this machine's software WebGL, first visit, fresh profile (${((Date.now() - t0) / 1000).toFixed(0)} s with (c))`);
    console.log(
      textTable(
        ['link', 'status line', 'link -> first prediction', 'link -> first attack result'],
        runs.map((r) => [r.link, r.line, `${(r.firstPrediction / 1000).toFixed(1)} s`, `${(r.firstAttack / 1000).toFixed(1)} s`]),
      ),
    );
    for (const r of runs) if (r.reason) console.log(`    ${r.link}: ${r.reason}`);
  }
  if (parts.slider) {
    console.log(`\n(c) Live FGSM slider: a ${DRAG_MS / 1000}-second drag as input events at ~60 Hz; results rendered = changes of the readout`);
    console.log(
      textTable(
        ['backend', 'input events', 'results rendered', 'distinct epsilons shown', 'updates/s', 'FGSM time shown (median)'],
        runs.map((r) => [
          r.line.replace(/^Backend: /, ''),
          String(r.drag.inputs),
          String(r.drag.updates),
          String(r.drag.distinct),
          (r.drag.updates / (DRAG_MS / 1000)).toFixed(1),
          `${median(r.drag.readoutTimes.map(ms).filter(Number.isFinite)).toFixed(0)} ms`,
        ]),
      ),
    );
  }
}
