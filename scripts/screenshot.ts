// `npm run screenshot`: serves the built dist/ from a sub-path and saves what a class sees, on the backend this
// machine picks by itself: docs/presenter.png (1920x1080, big=1), docs/laptop.png (1366x768), docs/phone.png
// (390x844, the lab scrolled to the epsilon slider), docs/lesson.png (the shipped lesson's second step in
// presenter mode), docs/insights.png (the gradient view and the decision landscape, standard beside robust),
// docs/training.png and docs/training-presenter.png (the training panel a minute into the default recipe: the game,
// the attacker's images, the checks), docs/tradeoff.png (a short run to its final check: the trade-off plane and the
// classes), docs/lesson-training.png (the training lesson's trade-off step in presenter mode), docs/lesson-laptop.png
// and docs/lesson-phone.png (the shipped lesson's epsilon and readout steps, each with what it points at above the
// sheet), docs/lesson-features.png (its class-features step on a laptop, the robust model's strokes drawn),
// docs/overfit.png (the catastrophic-overfitting preset caught and explained), docs/qr.png (the QR code of the view
// on the wall) and docs/offline.png (the lab reloaded with the network off, from the saved copy).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, openPage, stopServer } from '../node/browser.ts';
import { ROOT } from '../node/paths.ts';
import { SHIPPED_LESSONS } from '../src/lessons/shipped.ts';

const PRESENTER =
  '#image=1022&attack=fgsm&eps=4&hide=header,gallery,readout,trajectory,boundary,transfer,share,' +
  'gradient,landscape,training,robustness,corruptions,status&big=1';

/** What to do once the attack result is on screen; returns the part of the page to capture (the viewport when none). */
type Then = (page: Page) => Promise<ReturnType<Page['locator']> | void>;

const scrollToSlider: Then = async (page) => {
  await page
    .getByRole('region', { name: 'Attack', exact: true })
    .getByLabel(/^Epsilon/)
    .scrollIntoViewIfNeeded();
};
const drawInsights: Then = async (page) => {
  const section = page.locator('section.insights');
  await section.scrollIntoViewIfNeeded();
  await page.getByRole('region', { name: 'Input gradients' }).getByTestId('gradient-maps').waitFor({ timeout: 180_000 });
  const landscape = page.getByRole('region', { name: 'Decision landscape' });
  await landscape.getByRole('button', { name: 'Draw the landscape' }).click();
  await landscape.getByTestId('landscape-robust').waitFor({ timeout: 600_000 });
  return section;
};

const trainingPanel = (page: Page) => page.getByRole('region', { name: 'Adversarial training' });
/** Starts the default recipe and photographs the panel after a minute of training. */
const trainAMinute: Then = async (page) => {
  await trainingPanel(page).getByRole('button', { name: 'Start' }).click();
  await trainingPanel(page).getByTestId('adversarial-strip').waitFor({ timeout: 180_000 });
  await page.waitForTimeout(60_000);
  await trainingPanel(page).getByTestId('game-chart').scrollIntoViewIfNeeded();
};
/** A 1,000-image run of the default recipe to its final check: the plane with its final point, and the classes. */
const trainToTheFinalCheck: Then = async (page) => {
  const panel = trainingPanel(page);
  await panel.getByLabel(/^Budget/).fill('1000');
  await panel.getByRole('button', { name: 'Start' }).click();
  await panel.getByTestId('per-class').waitFor({ timeout: 600_000 });
  const price = page.locator('.training-price');
  await price.scrollIntoViewIfNeeded();
  return price;
};

/** The catastrophic-overfitting preset, started and caught: the panel with the page's explanation. */
const overfitCaught: Then = async (page) => {
  const panel = trainingPanel(page);
  await panel.getByRole('button', { name: 'Catastrophic overfitting (demo)' }).click();
  await panel.getByRole('button', { name: 'Start' }).click();
  await panel.getByText(/^Status: restored/).waitFor({ timeout: 600_000 });
  await panel.getByTestId('training-message').evaluate((e) => e.scrollIntoView({ block: 'center' }));
};

/** The QR code of the view, as the class sees it on the wall. */
const showQr: Then = async (page) => {
  await page.getByRole('button', { name: 'Show QR code' }).click();
  await page.getByTestId('qr-code').waitFor();
};

/** The shipped lesson's class-features step, once its 100-step attack has made the robust model say horse. */
const classFeaturesDrawn: Then = async (page) => {
  await page.getByTestId('verdict').filter({ hasText: 'Fooled into horse' }).waitFor({ timeout: 240_000 });
};

/** Once the site is saved in the browser: the network off, a reload, and the lab from the saved copy. */
const reloadOffline: Then = async (page) => {
  await page.getByTestId('offline-line').filter({ hasText: 'Works offline' }).waitFor({ timeout: 180_000 });
  await page.context().setOffline(true);
  await page.reload();
  await page.getByTestId('offline-banner').waitFor();
  await page
    .getByTestId('verdict')
    .filter({ hasText: /^(Fooled|Not fooled)/ })
    .waitFor({ timeout: 180_000 });
};

const SHOTS: { file: string; hash: string; width: number; height: number; then?: Then }[] = [
  { file: 'presenter.png', hash: PRESENTER, width: 1920, height: 1080 },
  { file: 'laptop.png', hash: '#image=1022&attack=pgd', width: 1366, height: 768 },
  { file: 'phone.png', hash: '#image=1022', width: 390, height: 844, then: scrollToSlider },
  { file: 'lesson.png', hash: `#lesson=${SHIPPED_LESSONS[0]!.path}&step=2&big=1`, width: 1920, height: 1080 },
  { file: 'insights.png', hash: '#image=1022', width: 1366, height: 768, then: drawInsights },
  { file: 'training.png', hash: '#image=1022', width: 1366, height: 768, then: trainAMinute },
  { file: 'training-presenter.png', hash: '#image=1022&big=1', width: 1920, height: 1080, then: trainAMinute },
  { file: 'tradeoff.png', hash: '#image=1022', width: 1366, height: 768, then: trainToTheFinalCheck },
  { file: 'lesson-training.png', hash: `#lesson=${SHIPPED_LESSONS[1]!.path}&step=3&big=1`, width: 1920, height: 1080 },
  { file: 'lesson-laptop.png', hash: `#lesson=${SHIPPED_LESSONS[0]!.path}&step=2`, width: 1366, height: 768 },
  { file: 'lesson-features.png', hash: `#lesson=${SHIPPED_LESSONS[0]!.path}&step=8`, width: 1366, height: 768, then: classFeaturesDrawn },
  { file: 'lesson-phone.png', hash: `#lesson=${SHIPPED_LESSONS[0]!.path}&step=6`, width: 390, height: 844 },
  { file: 'overfit.png', hash: '#image=1022', width: 1366, height: 768, then: overfitCaught },
  { file: 'qr.png', hash: '#image=1022&big=1', width: 1920, height: 1080, then: showQr },
  { file: 'offline.png', hash: '#image=1022&attack=pgd', width: 1366, height: 768, then: reloadOffline },
];

const only = process.argv.slice(2);
const browser = await launchChromium();
try {
  for (const shot of SHOTS.filter((s) => only.length === 0 || only.includes(s.file))) {
    const s = await openPage(browser, { hash: shot.hash });
    await s.page.setViewportSize({ width: shot.width, height: shot.height });
    // An attack result on screen: that is what the playground is about.
    await s.page.getByTestId('verdict').waitFor({ timeout: 180_000 });
    const part = await shot.then?.(s.page);
    await s.page.waitForTimeout(800);
    const path = join(ROOT, 'docs', shot.file);
    await (part ? part.screenshot({ path }) : s.page.screenshot({ path }));
    console.log(
      `${shot.file}: ${await s.page
        .locator('.status-line')
        .textContent()
        .catch(() => '(status hidden)')}`,
    );
    await s.close();
  }
} finally {
  await browser.close();
  await stopServer();
}
