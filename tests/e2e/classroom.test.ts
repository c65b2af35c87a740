// What an instructor relies on in front of a class: verdicts that tell the truth, links that describe the page,
// the lab in view after a choice, demo keys, and model downloads that load back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackControls } from './harness.ts';
import { pagePerTest } from './session.ts';

describe('in front of a class', () => {
  const open = pagePerTest({ noConsoleErrors: true });

  it('an image the model already gets wrong is not "fooled", and not counted as a success', async () => {
    // Test image 1002 is a ship; the robust model calls it a truck before any attack.
    const s = await open({ hash: '#backend=wasm&image=1002&model=robust&attack=pgd&eps=4', ready: 'verdict' });
    await expect.poll(() => s.page.getByTestId('verdict').textContent()).toBe('Already wrong before the attack (said truck, is ship)');
    expect(await s.page.getByTestId('readout-success').textContent()).toMatch(/^no \(the model was wrong before the attack\)/);
    expect(await s.page.getByTestId('trajectory-note').textContent()).toMatch(/^The model was wrong before the attack/);
    await s.page.getByRole('button', { name: 'Test on all models' }).click();
    // The standard model gets this ship right, so its row is judged on its own answers.
    const robustRow = s.page.getByTestId('transfer').getByRole('row', { name: /Robust CNN/ });
    await expect.poll(() => robustRow.textContent()).toContain('no (already wrong)');
  });

  it('the address follows the state, and parameters without attack= apply to the default attack', async () => {
    const s = await open({ hash: '#backend=wasm&image=998&eps=4', ready: 'verdict' });
    expect(await s.page.getByTestId('param-eps-value').textContent()).toBe('4/255');
    await attackControls(s)
      .getByLabel(/^Epsilon/)
      .fill('6');
    await expect.poll(() => new URL(s.page.url()).hash).toContain('eps=6');
    expect(new URL(s.page.url()).hash).toContain('image=998');
    // A measured backend is this machine's: only the link's own choice is carried.
    expect(new URL(s.page.url()).hash).toContain('backend=wasm');
  });

  it('editing the link sets the state it describes: what it leaves out goes back to its default', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022&attack=pgd&target=6', ready: 'verdict' });
    expect(await attackControls(s).getByLabel('Goal').inputValue()).toBe('6');
    await s.page.evaluate(() => (window.location.hash = '#backend=wasm&image=1022'));
    await expect.poll(() => attackControls(s).getByRole('radio', { name: /FGSM/ }).isChecked()).toBe(true);
    expect(await attackControls(s).getByLabel('Goal').inputValue()).not.toBe('6');
  });

  it('a link naming an image that is not in the gallery says so, with the key and what is shown instead', async () => {
    const s = await open({ hash: '#backend=wasm&image=-5', ready: 'original-prediction' });
    await expect
      .poll(() => s.page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/image=-5 is not in the gallery.*showing image \d+ instead/));
  });

  it('choosing an image low in the gallery brings the lab into view', async () => {
    const s = await open({ hash: '#backend=wasm', ready: 'original-prediction' });
    await s.page.setViewportSize({ width: 1366, height: 768 });
    const last = s.page.locator('.gallery .thumb').last();
    await last.scrollIntoViewIfNeeded();
    await last.click();
    await expect.poll(() => s.page.locator('.lab-panels').evaluate((e) => e.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    expect(await s.page.locator('.lab-panels').evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(768 / 2);
    expect(await s.page.getByTestId('selected-label').textContent()).toContain(`${await last.getAttribute('data-source-index')}`);
  });

  const presenterWall =
    'presenter mode fills a 1920x1080 wall: images of 360 px and more, verdict and prediction at 32 px, the side column at 17 px and up, ' +
    'nothing cut off';
  it(presenterWall, async () => {
    const s = await open({
      hash:
        '#backend=wasm&image=1022&attack=fgsm&eps=4&hide=header,gallery,readout,trajectory,boundary,transfer,share,' +
        'training,robustness,corruptions,status&big=1',
      ready: 'verdict',
    });
    await s.page.setViewportSize({ width: 1920, height: 1080 });
    for (const panel of ['original', 'perturbation', 'adversarial']) {
      const width = await s.page
        .locator(`[data-testid="${panel}"] canvas`)
        .first()
        .evaluate((e) => e.getBoundingClientRect().width);
      expect(width, panel).toBeGreaterThanOrEqual(360);
    }
    for (const id of ['verdict', 'adversarial-prediction', 'original-prediction']) {
      const px = await s.page.getByTestId(id).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(px, id).toBeGreaterThanOrEqual(32);
    }
    // The model and the controls beside them are read from the back of the room too: every text in the side column.
    const side = await s.page
      .locator('.lab-side')
      .evaluate((column) =>
        [...column.querySelectorAll('*')]
          .filter(
            (e) =>
              e.getBoundingClientRect().width > 0 && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''),
          )
          .map((e) => ({ text: e.textContent!.trim().slice(0, 30), px: parseFloat(getComputedStyle(e).fontSize) })),
      );
    expect(side.length).toBeGreaterThan(10);
    expect(side.filter((t) => t.px < 17)).toEqual([]);
    // Nothing cut off: no select narrower than its text, no horizontal scrolling, the three images side by side.
    const clipped = await s.page.locator('select').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(clipped).toBe(0);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const tops = await s.page.locator('.lab-panels > *').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
  });

  it('in presenter mode the arrow keys move epsilon and a legend says so', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022&big=1', ready: 'verdict' });
    await s.page.getByTestId('key-legend').waitFor();
    await s.page.locator('body').press('ArrowRight');
    await expect.poll(() => s.page.getByTestId('param-eps-value').textContent()).toBe('8.25/255');
    await s.page.locator('body').press('ArrowLeft');
    await s.page.locator('body').press('ArrowLeft');
    await expect.poll(() => s.page.getByTestId('param-eps-value').textContent()).toBe('7.75/255');
  });

  it('outside presenter mode the arrow keys scroll the page and leave epsilon alone', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022', ready: 'verdict' });
    expect(await s.page.getByTestId('key-legend').count()).toBe(0);
    await s.page.locator('body').press('ArrowRight');
    await s.page.locator('body').press('r');
    expect(await s.page.getByTestId('param-eps-value').textContent()).toBe('8/255');
  });

  it('"Download tfjs files" saves a model that "Upload a tfjs model" loads back with the same predictions', async () => {
    const s = await open({ hash: '#backend=wasm&image=1022&model=robust', ready: 'original-prediction' });
    const before = await s.page.getByTestId('original-prediction').textContent();
    const model = s.page.getByRole('region', { name: 'Model' });
    await model.getByText('Save or download this model').click();
    const downloads: { name: string; path: string }[] = [];
    s.page.on('download', (d) => void d.path().then((path) => downloads.push({ name: d.suggestedFilename(), path })));
    await model.getByRole('button', { name: 'Download tfjs files' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    expect(downloads.map((d) => d.name).sort()).toEqual(['robust.json', 'robust.weights.bin']);
    await model.getByLabel(/Upload a tfjs model/).setInputFiles(
      downloads.map((d) => ({
        name: d.name,
        mimeType: d.name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        buffer: readFileSync(d.path),
      })),
    );
    await expect.poll(() => model.getByRole('combobox', { name: 'Model' }).inputValue()).toMatch(/^upload:/);
    await expect.poll(() => s.page.getByTestId('original-prediction').textContent()).toBe(before);
  });
});
