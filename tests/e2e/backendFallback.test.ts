import { expect, it } from 'vitest';
import { pagePerTest } from './session.ts';

const open = pagePerTest();

it('falls back from WebGL to WASM when WebGL is unavailable, and says so', async () => {
  // A browser without WebGL: every WebGL context request fails, as on a blocklisted GPU.
  const noWebgl = `
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return /webgl/i.test(type) ? null : getContext.call(this, type, ...rest);
    };
    if (globalThis.OffscreenCanvas) {
      const offGetContext = OffscreenCanvas.prototype.getContext;
      OffscreenCanvas.prototype.getContext = function (type, ...rest) {
        return /webgl/i.test(type) ? null : offGetContext.call(this, type, ...rest);
      };
    }`;
  const s = await open({ initScript: noWebgl });
  const line = s.page.getByTestId('backend-line');
  await line.filter({ hasNotText: 'starting' }).waitFor();
  expect(await line.textContent()).toMatch(/^Backend: wasm/);
  expect(await s.page.locator('.status-line').textContent()).toMatch(/Fell back to wasm: webgl/);
  // The gallery does not depend on the backend.
  await s.page.getByRole('list', { name: 'CIFAR-10 test images' }).waitFor();
  expect(await s.page.locator('.gallery .thumb').count()).toBe(120);
});
