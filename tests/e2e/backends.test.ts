// Same results on every backend: the benchmark page's agreement mode (src/bench/agreement.ts) computes, on two test
// images of the standard model, the clean logits, the input gradient, every attack at its capped budget with one seed
// and a seeded Fast-AT step, on WASM, WebGL (SwiftShader) and WebGPU (SwiftShader's adapter: correct, not fast); WebGL
// and WebGPU are compared with WASM within the tolerances below. And a lost WebGPU device or WebGL context recovers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, stopServer, WEBGPU_FLAGS } from '../../node/browser.ts';
import type { Agreement, AttackOutcome } from '../../src/bench/agreement.ts';

/** float32 on different kernels: sums in another order. Logits within this, absolutely. */
const LOGIT_TOLERANCE = 2e-3;
/** The input gradient points the same way: cosine similarity at least this. */
const GRADIENT_COSINE = 0.999;
/**
 * FGSM takes the gradient's sign: where a pixel's gradient is within float noise of 0 the sign can flip. At most this
 * share of the adversarial pixels may differ by more than 1e-4.
 */
const FGSM_PIXELS_DIFFERING = 0.01;
/** Iterative and minimal-norm attacks amplify float noise along their path: their verdicts must agree, their L2 norms within this share. */
const NORM_TOLERANCE = 0.15;
/** A training step's loss within this share; each weight moved by the same amount within this share (or 1e-4). */
const TRAINING_TOLERANCE = 0.02;

let browser: Browser;
const results = new Map<string, Agreement>();

async function agreementOn(backend: string): Promise<Agreement> {
  const s = await openPage(browser, { hash: `#agree&backend=${backend}`, page: 'bench.html' });
  try {
    await s.page.waitForFunction(() => (window as unknown as { __agreement?: unknown }).__agreement !== undefined, undefined, {
      timeout: 540_000,
      polling: 500,
    });
    const r = (await s.page.evaluate(() => (window as unknown as { __agreement: unknown }).__agreement)) as Agreement | { error: string };
    if ('error' in r) throw new Error(`${backend}: ${r.error}`);
    return r;
  } finally {
    await s.close();
  }
}

const cosine = (a: number[], b: number[]) => {
  let ab = 0,
    aa = 0,
    bb = 0;
  a.forEach((v, i) => {
    ab += v * b[i]!;
    aa += v * v;
    bb += b[i]! * b[i]!;
  });
  return ab / Math.sqrt(aa * bb);
};
const close = (a: number, b: number, share: number, floor = 1e-4) => Math.abs(a - b) <= Math.max(floor, share * Math.max(Math.abs(a), Math.abs(b)));

function expectAgreement(reference: Agreement, other: Agreement): void {
  const name = other.backend;
  const logitGap = Math.max(...reference.logits.map((v, i) => Math.abs(v - other.logits[i]!)));
  expect(logitGap, `${name}: largest logit difference`).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  expect(cosine(reference.gradient, other.gradient), `${name}: input gradient cosine`).toBeGreaterThanOrEqual(GRADIENT_COSINE);
  for (const [kind, ref] of Object.entries(reference.attacks) as [string, AttackOutcome][]) {
    const got = other.attacks[kind as keyof Agreement['attacks']];
    expect(got && 'error' in got ? got.error : null, `${name}: ${kind} ran`).toBeNull();
    const o = got as AttackOutcome;
    expect(o.success, `${name}: ${kind} success`).toEqual(ref.success);
    expect(o.advPred, `${name}: ${kind} adversarial predictions`).toEqual(ref.advPred);
    if (kind === 'fgsm') {
      const differing = ref.adversarial.filter((v, i) => Math.abs(v - o.adversarial[i]!) > 1e-4).length / ref.adversarial.length;
      expect(differing, `${name}: FGSM pixels differing`).toBeLessThanOrEqual(FGSM_PIXELS_DIFFERING);
    }
    ref.l2.forEach((l2, i) =>
      expect(close(l2, o.l2[i]!, NORM_TOLERANCE, 1e-3), `${name}: ${kind} L2 of image ${i}: ${l2} against ${o.l2[i]}`).toBe(true),
    );
  }
  const [rt, ot] = [reference.training, other.training];
  expect('error' in ot ? ot.error : null, `${name}: the training step ran`).toBeNull();
  if ('error' in rt || 'error' in ot) return;
  expect(close(rt.loss, ot.loss, TRAINING_TOLERANCE), `${name}: training loss ${rt.loss} against ${ot.loss}`).toBe(true);
  rt.moved.forEach((m, i) => expect(close(m, ot.moved[i]!, TRAINING_TOLERANCE), `${name}: weight ${i} moved ${m} against ${ot.moved[i]}`).toBe(true));
}

beforeAll(async () => {
  browser = await launchChromium(WEBGPU_FLAGS);
  results.set('wasm', await agreementOn('wasm'));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stopServer();
});

describe('every backend computes what WASM computes', () => {
  for (const backend of ['webgl', 'webgpu']) {
    it(`${backend}: the logits, the input gradient, every attack and a training step`, async () => {
      const other = await agreementOn(backend);
      expect(other.backend).toBe(backend);
      expectAgreement(results.get('wasm')!, other);
    }, 600_000);
  }
});

describe('a lost GPU recovers as a lost WebGL context does', () => {
  // Keeps what the app's backend creates, so that the test can take it away as a browser would.
  const keepDevices = `
    window.__devices = [];
    if (globalThis.GPUAdapter) {
      const requestDevice = GPUAdapter.prototype.requestDevice;
      GPUAdapter.prototype.requestDevice = async function (...args) {
        const device = await requestDevice.apply(this, args);
        window.__devices.push(device);
        return device;
      };
    }
    window.__contexts = [];
    for (const Canvas of [HTMLCanvasElement, globalThis.OffscreenCanvas].filter(Boolean)) {
      const getContext = Canvas.prototype.getContext;
      Canvas.prototype.getContext = function (type, ...rest) {
        const context = getContext.call(this, type, ...rest);
        if (context && /webgl/.test(type)) window.__contexts.push(context);
        return context;
      };
    }`;

  for (const [backend, loseIt] of [
    ['webgpu', () => (window as unknown as { __devices: { destroy(): void }[] }).__devices.at(-1)!.destroy()],
    [
      'webgl',
      () => (window as unknown as { __contexts: WebGLRenderingContext[] }).__contexts.at(-1)!.getExtension('WEBGL_lose_context')!.loseContext(),
    ],
  ] as const) {
    it(`${backend}: the models are reloaded on a fresh one, the user is told, and the lab answers again`, async () => {
      const s = await openPage(browser, { hash: `#backend=${backend}&image=3&attack=fgsm`, initScript: keepDevices });
      try {
        await s.page.getByTestId('verdict').waitFor({ timeout: 240_000 });
        await s.page.evaluate(loseIt);
        await s.page.getByTestId('notice').filter({ hasText: 'has been recovered' }).waitFor({ timeout: 120_000 });
        expect(await s.page.getByTestId('backend-line').textContent()).toMatch(new RegExp(`^Backend: ${backend} · `));
        await s.page.getByTestId('verdict').waitFor({ timeout: 240_000 });
        expect(await s.page.getByTestId('verdict').textContent()).toMatch(/^(Fooled|Not fooled)/);
      } finally {
        await s.close();
      }
    }, 600_000);
  }
});
