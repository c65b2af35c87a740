// Renders public/icons/icon.svg into the PNG sizes the web app manifest lists (vite.config.ts), with Debian's
// Chromium: `npx tsx scripts/icons.ts`. Run again after changing the SVG; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../node/browser.ts';
import { ROOT } from '../node/paths.ts';
import { APP_ICON_SIZES } from '../src/appManifest.ts';

const dir = join(ROOT, 'public', 'icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  for (const size of APP_ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: join(dir, `icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
