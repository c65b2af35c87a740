import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { attackControls, canvasPixels } from './harness.ts';
import { pagePerTest } from './session.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { file } from './files.ts';

/** model.json + weights of a small classifier, as a user would upload them. */
async function modelFiles(inputShape: number[], softmax: boolean): Promise<{ json: Buffer; bin: Buffer }> {
  const input = tf.input({ shape: inputShape });
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 10, activation: softmax ? 'softmax' : 'linear' }).apply(flat) as tf.SymbolicTensor;
  let a: tf.io.ModelArtifacts | undefined;
  const model = tf.model({ inputs: input, outputs: out });
  try {
    await model.save(tf.io.withSaveHandler(async (x) => ((a = x), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  } finally {
    model.dispose();
  }
  const json = {
    format: 'layers-model',
    modelTopology: a!.modelTopology,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a!.weightSpecs }],
  };
  return { json: Buffer.from(JSON.stringify(json)), bin: Buffer.from(a!.weightData as ArrayBuffer) };
}

describe('keeping, sharing and instructor links', () => {
  const open = pagePerTest();
  /** The lab on WASM (these tests are not about WebGL) at its defaults, once the first attack result is shown. */
  const openLab = (link = '') => open({ hash: `#backend=wasm${link}`, ready: 'verdict' });
  // tfjs in Node builds the models a user uploads.
  beforeAll(() => useBackend('cpu'));

  it('downloads the adversarial image as the 32x32 PNG shown on the page', async () => {
    const s = await openLab();
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: 'Download adversarial PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('epsilon-fgsm-adversarial.png');
    const png = PNG.sync.read(readFileSync((await download.path())!));
    expect([png.width, png.height]).toEqual([32, 32]);
    const shown = await canvasPixels(s.page.getByTestId('adversarial').locator('canvas'));
    expect(Array.from(png.data)).toEqual(shown);
    const [pert] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: 'Download perturbation PNG' }).click()]);
    expect(pert.suggestedFilename()).toMatch(/^epsilon-fgsm-perturbation-x\d+(\.\d+)?\.png$/);
  });

  it('Copy as Python gives the same attack for torchattacks', async () => {
    const s = await openLab();
    await s.page.getByRole('button', { name: 'Copy as Python' }).click();
    expect(await s.page.getByTestId('python-snippet').textContent()).toContain('torchattacks.FGSM(model, eps=8/255)');
  });

  it('a copied link restores image, attack, parameters and view in a new browser', async () => {
    const s = await openLab();
    await s.page.locator('.gallery .thumb').nth(50).click();
    await attackControls(s).getByLabel('PGD', { exact: true }).check();
    await attackControls(s)
      .getByLabel(/^Epsilon/)
      .fill('3');
    await attackControls(s).getByLabel('Random start').uncheck();
    await s.page.getByLabel('Diverging colour map').check();
    await s.page.getByRole('button', { name: 'Copy link' }).click();
    const link = await s.page.getByTestId('share-link').inputValue();
    const label = await s.page.getByTestId('selected-label').textContent();
    expect(link).toContain('attack=pgd');
    // A fresh profile: nothing but the link carries the state over.
    const other = await open({ hash: new URL(link).hash });
    await other.page.getByTestId('selected-label').filter({ hasText: label! }).waitFor();
    expect(await attackControls(other).getByLabel('PGD', { exact: true }).isChecked()).toBe(true);
    expect(await other.page.getByTestId('param-eps-value').textContent()).toBe('3/255');
    expect(await attackControls(other).getByLabel('Random start').isChecked()).toBe(false);
    expect(await other.page.getByLabel('Diverging colour map').isChecked()).toBe(true);
    expect(await other.page.getByTestId('backend-line').filter({ hasNotText: 'starting' }).textContent()).toMatch(/^Backend: wasm/);
  });

  it('instructor flags hide panels and enlarge text', async () => {
    const t = await open({ hash: '#backend=wasm&hide=gallery,controls,perturbation&big=1' });
    await t.page.getByTestId('original').waitFor();
    await t.page.getByTestId('verdict').waitFor();
    expect(await t.page.getByRole('list', { name: 'CIFAR-10 test images' }).count()).toBe(0);
    expect(await attackControls(t).getByLabel('PGD', { exact: true }).count()).toBe(0);
    expect(await t.page.getByTestId('perturbation').count()).toBe(0);
    expect(await t.page.locator('.app.big-text').count()).toBe(1);
  });

  it('a garbage or hostile hash is ignored or clamped: no crash, no script, defaults kept', async () => {
    const dialogs: string[] = [];
    const hostile =
      '#attack=%3Cscript%3Ealert(1)%3C/script%3E&eps=1e999&image=-5&model=../../etc&hide=%3Cimg%20src=x%20onerror=alert(1)%3E&steps=NaN&%%%';
    // The listener below comes after the page's load: wrappers installed before any of the app's code record
    // dialogs from the start (and still open them, so the listener sees later ones too).
    const recordDialogs = `window.__dialogs = [];
      for (const name of ['alert', 'confirm', 'prompt']) {
        const open = window[name].bind(window);
        window[name] = (...args) => (window.__dialogs.push(name + ': ' + args[0]), open(...args));
      }`;
    const g = await open({ hash: hostile, initScript: recordDialogs });
    g.page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    const recorded = () => g.page.evaluate(() => (window as unknown as { __dialogs: string[] }).__dialogs);
    await g.page.getByTestId('original-prediction').waitFor();
    expect(await attackControls(g).getByLabel('FGSM').isChecked()).toBe(true);
    expect(await g.page.getByTestId('param-eps-value').textContent()).toBe('8/255');
    expect(await g.page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await recorded()).toEqual([]);
    expect(g.consoleErrors).toEqual([]);
    // Out of range numbers are clamped to the control's range.
    await g.page.evaluate(() => (window.location.hash = '#attack=pgd&eps=500&steps=100000'));
    await expect.poll(() => g.page.getByTestId('param-eps-value').textContent()).toBe('32/255');
    expect(await g.page.getByTestId('param-steps-value').textContent()).toBe('200');
    // The recorder works: a dialog opened now is recorded.
    await g.page.evaluate(() => alert('probe'));
    expect(await recorded()).toEqual(['alert: probe']);
  });

  it('bad model uploads get a clear message; a good one joins the picker', async () => {
    const s = await openLab();
    const upload = s.page.getByLabel('Upload a tfjs model (model.json + .bin files)');
    const error = s.page.locator('.model-picker .error');
    await upload.setInputFiles(file('model.json', 'application/json', Buffer.from('not json {')));
    await expect.poll(() => error.textContent()).toMatch(/not valid JSON/);
    const good = await modelFiles([32, 32, 3], true);
    await upload.setInputFiles(file('model.json', 'application/json', good.json));
    await expect.poll(() => error.textContent()).toMatch(/"group1-shard1of1.bin" named in model.json is missing/);
    const wrong = await modelFiles([28, 28, 1], false);
    await upload.setInputFiles([
      file('model.json', 'application/json', wrong.json),
      file('group1-shard1of1.bin', 'application/octet-stream', wrong.bin),
    ]);
    await expect.poll(() => error.textContent()).toMatch(/\[n,32,32,3\]/);
    await upload.setInputFiles([
      file('mnist-like.json', 'application/json', good.json),
      file('group1-shard1of1.bin', 'application/octet-stream', good.bin),
    ]);
    await expect.poll(() => s.page.getByRole('combobox', { name: 'Model', exact: true }).inputValue()).toMatch(/^upload:/);
    expect(await error.count()).toBe(0);
    expect(await s.page.getByRole('combobox', { name: 'Model', exact: true }).locator('option:checked').textContent()).toBe('mnist-like (uploaded)');
    await expect.poll(() => s.page.getByTestId('original-prediction').textContent()).toMatch(/^Model says/);
    // It ends in softmax: the lab attacks it, training refuses it, says how to make one that trains, and leaves
    // the picker on it (no untrained copy).
    const picker = s.page.getByRole('combobox', { name: 'Model', exact: true });
    const uploaded = await picker.inputValue();
    const training = s.page.getByRole('region', { name: 'Adversarial training' });
    await training.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => training.getByTestId('training-status').textContent(), { timeout: 60_000 }).toMatch(/^Status: failed/);
    expect(await training.getByTestId('training-message').textContent()).toMatch(
      /^Training could not run: this model ends in softmax.*Remove the final softmax/,
    );
    expect(await picker.inputValue()).toBe(uploaded);
    expect(await picker.locator('option[value="training"]').count()).toBe(0);
  });

  it('lays out without horizontal scrolling from a phone to a projector', async () => {
    const s = await openLab();
    for (const [width, height] of [
      [390, 844],
      [1280, 720],
    ] as const) {
      await s.page.setViewportSize({ width, height });
      // Charts re-measure after a resize, so let the layout settle.
      await expect.poll(() => s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
  });

  it('every control has an accessible name', async () => {
    // PGD's controls, the share link and the Python snippet as well as the defaults.
    const s = await openLab('&attack=pgd');
    await s.page.getByRole('button', { name: 'Copy link' }).click();
    await s.page.getByTestId('share-link').waitFor();
    await s.page.getByRole('button', { name: 'Copy as Python' }).click();
    await s.page.getByTestId('python-snippet').waitFor();
    const unnamed = await s.page.evaluate(() =>
      [...document.querySelectorAll('input, select, button')]
        .filter((el) => !(el as HTMLElement).closest('.visually-hidden') || el.id)
        .filter((el) => {
          const e = el as HTMLInputElement;
          const named = e.labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent?.trim());
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });
});
