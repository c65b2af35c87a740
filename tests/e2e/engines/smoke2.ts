import { startXvfb } from './xvfb.ts';
import { startSite } from './site.ts';
import { LAUNCH } from './drivers.ts';
const x = await startXvfb();
const site = await startSite();
const p = await LAUNCH.webkit(x.name);
const t0 = Date.now();
const log = (...a: unknown[]) => console.log(((Date.now() - t0) / 1000).toFixed(1), ...a);
const st = async () => { const a = Date.now(); const s = await p.evaluate(() => document.querySelector('[data-testid="training-status"]')?.textContent ?? null); return `${s} [rt ${Date.now() - a} ms]`; };
try {
  await p.goto(site.url + '#image=1022');
  for (let i = 0; i < 120; i++) { if (await p.evaluate(() => document.querySelector('[data-testid="verdict"]') !== null)) break; await new Promise((r) => setTimeout(r, 1000)); }
  log('verdict');
  await p.click('section[aria-label="Adversarial training"] button.primary');
  log('clicked start');
  for (let i = 0; i < 60; i++) { const s = await st(); log(s); if (/running · \d+ examples/.test(s)) break; await new Promise((r) => setTimeout(r, 2000)); }
  await new Promise((r) => setTimeout(r, 10000));
  log(await st());
  await p.evaluate(() => { const b = Array.from(document.querySelectorAll('section[aria-label="Adversarial training"] button')).find((e) => e.textContent === 'Stop'); b?.setAttribute('data-engine-target', ''); });
  log('marked stop');
  await p.click('[data-engine-target]');
  log('clicked stop');
  for (let i = 0; i < 40; i++) { log(await st()); await new Promise((r) => setTimeout(r, 3000)); }
} finally {
  await p.close(); await site.close(); site.remove(); await x.stop();
}
