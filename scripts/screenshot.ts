// `npm run screenshot`: serves the built dist/ from a sub-path and saves what a class sees, on the backend this
// machine picks by itself: docs/presenter.png (1920x1080, big=1), docs/laptop.png (1366x768) and docs/phone.png
// (390x844, the lab scrolled to the epsilon slider).
import { join } from 'node:path';
import { launchChromium, openPage, stopServer } from '../node/browser.ts';
import { ROOT } from '../node/paths.ts';

const PRESENTER = '#image=1022&attack=fgsm&eps=4&hide=header,gallery,readout,trajectory,boundary,transfer,share,gradient,landscape,training,robustness,status&big=1';
const SHOTS: { file: string; hash: string; width: number; height: number; then?: 'slider' }[] = [
  { file: 'presenter.png', hash: PRESENTER, width: 1920, height: 1080 },
  { file: 'laptop.png', hash: '#image=1022&attack=pgd', width: 1366, height: 768 },
  { file: 'phone.png', hash: '#image=1022', width: 390, height: 844, then: 'slider' },
];

const browser = await launchChromium();
try {
  for (const shot of SHOTS) {
    const s = await openPage(browser, { hash: shot.hash });
    await s.page.setViewportSize({ width: shot.width, height: shot.height });
    // An attack result on screen: that is what the playground is about.
    await s.page.getByTestId('verdict').waitFor({ timeout: 180_000 });
    if (shot.then === 'slider') await s.page.getByRole('region', { name: 'Attack', exact: true }).getByLabel(/^Epsilon/).scrollIntoViewIfNeeded();
    await s.page.waitForTimeout(800);
    await s.page.screenshot({ path: join(ROOT, 'docs', shot.file) });
    console.log(`${shot.file}: ${await s.page.locator('.status-line').textContent().catch(() => '(status hidden)')}`);
    await s.close();
  }
} finally {
  await browser.close();
  await stopServer();
}
