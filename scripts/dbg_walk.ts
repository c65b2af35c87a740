import { openApp, stopServer } from '../node/browser.ts';
const lesson = process.argv[2] ?? 'lessons/adversarial-examples-in-ten-minutes.json';
const sizes = [{ name: 'laptop', w: 1366, h: 768, big: '' }, { name: 'wall', w: 1920, h: 1080, big: '&big=1' }, { name: 'phone', w: 390, h: 844, big: '' }];
for (const sz of sizes.filter((z) => !process.argv[3] || z.name === process.argv[3])) {
  const s = await openApp({ hash: `#backend=wasm${sz.big}&lesson=${lesson}` });
  await s.page.setViewportSize({ width: sz.w, height: sz.h });
  await s.page.getByTestId('lesson-bar').waitFor();
  const total = Number(/of (\d+)/.exec((await s.page.getByTestId('lesson-progress').textContent())!)![1]);
  for (let i = 1; i <= total; i++) {
    await s.page.waitForTimeout(2500);
    await s.page.screenshot({ path: `/tmp/shots/${sz.name}-${i}.png` });
    const info = await s.page.evaluate(`(() => {
      const r = (sel) => { const e = document.querySelector(sel); if (!e) return null; const b = e.getBoundingClientRect(); return [Math.round(b.top), Math.round(b.bottom)]; };
      return { bar: r('[data-testid="lesson-bar"]'), next: r('[data-testid="lesson-bar"] button:last-of-type'), adv: r('[data-testid="adversarial"]'), pert: r('[data-testid="perturbation"]'), readout: r('[data-testid="readout"]'), scrollY: Math.round(window.scrollY) };
    })()`);
    console.log(sz.name, i, JSON.stringify(info));
    if (i < total) await s.page.getByTestId('lesson-bar').getByRole('button', { name: 'Next' }).click();
  }
  await s.close();
}
await stopServer();
