// `npm run screenshot -- '#hash'`: serves the built dist/ and saves docs/screenshot.png of the page as a user meets it.
import { openApp, stopServer } from '../node/browser.ts';
import { join } from 'node:path';
import { ROOT } from '../node/paths.ts';

const s = await openApp({ hash: process.argv[2] ?? '' });
await s.page.getByRole('list', { name: 'CIFAR-10 test images' }).waitFor();
await s.page.getByTestId('backend-line').filter({ hasNotText: 'starting' }).waitFor();
// An attack result on screen: that is what the playground is about.
await s.page.getByTestId('verdict').waitFor({ timeout: 120_000 });
await s.page.waitForTimeout(500);
await s.page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
console.log('backend:', await s.page.getByTestId('backend-line').textContent());
await s.close();
await stopServer();
