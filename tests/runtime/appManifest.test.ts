// The web app manifest that makes the site installable: every icon it lists is in public/, and each PNG is the
// size the manifest says it is (Chromium's install check reads them).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ROOT } from '../../node/paths.ts';
import { APP_ICON_SIZES, APP_MANIFEST } from '../../src/appManifest.ts';

describe('the web app manifest', () => {
  it('lists a PNG icon at each size, each drawn at that size, and the SVG it is drawn from', () => {
    const pngs = APP_MANIFEST.icons.filter((icon) => icon.type === 'image/png');
    expect(pngs.map((icon) => icon.sizes)).toEqual(APP_ICON_SIZES.map((size) => `${size}x${size}`));
    for (const icon of APP_MANIFEST.icons) expect(existsSync(join(ROOT, 'public', icon.src)), icon.src).toBe(true);
    for (const icon of pngs) {
      const png = PNG.sync.read(readFileSync(join(ROOT, 'public', icon.src)));
      expect(`${png.width}x${png.height}`).toBe(icon.sizes);
    }
  });

  it('has what Chromium asks of an installable app: names, a relative start, standalone display, a 192 and a 512 icon', () => {
    expect(APP_MANIFEST.name).toContain('Epsilon');
    expect(APP_MANIFEST.short_name).toBe('Epsilon');
    expect(APP_MANIFEST.start_url).toBe('./');
    expect(APP_MANIFEST.display).toBe('standalone');
    expect(APP_ICON_SIZES).toEqual(expect.arrayContaining([192, 512]));
  });
});
