// Are the page's menus readable: the WCAG contrast of every <select>'s text against what is behind it, both as the
// styles compute (walking up to the first ancestor with a background) and as the engine paints it, read from a
// screenshot. The second is needed: WebKit paints its own near-white box under a select it draws natively, whatever
// background-color the styles compute. The painted check reads the selects in the window at the top of the page (the
// lab's menus): WebKit's snapshot of the window did not always follow a scroll, and its element snapshots came back blank.
import { PNG } from 'pngjs';
import type { EnginePage } from './drivers.ts';

export const MIN_CONTRAST = 4.5;

type Rgb = [number, number, number];

/** WCAG 2 relative luminance of an sRGB colour in 0..255. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** 'rgb(1, 2, 3)' or 'rgba(1, 2, 3, 0.5)' (or the space-separated forms) as numbers with alpha. */
export function parseColor(css: string): { rgb: Rgb; alpha: number } {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) throw new Error(`unexpected computed colour "${css}"`);
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha };
}

/** One select (or option) as the styles compute it: its text colour and the backgrounds from it up to the root. */
export interface ComputedColors {
  what: string;
  color: string;
  /** Its own background-color first, then each ancestor's, up to <html>. */
  backgrounds: string[];
}

/** Every select and option on the page, with the colours needed for their contrast. Runs in the page. */
export function computedSelectColors(): ComputedColors[] {
  const describe = (e: Element) => {
    const select = e.closest('select');
    // The label's own words (a label may wrap the select, whose options are not its name).
    const label = Array.from(select?.labels?.[0]?.childNodes ?? [])
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
    const name = label || select?.getAttribute('aria-label') || select?.id || '?';
    return e.tagName === 'OPTION' ? `option "${e.textContent}" of the select "${name}"` : `select "${name}"`;
  };
  return Array.from(document.querySelectorAll('select, select option')).map((e) => {
    const backgrounds: string[] = [];
    for (let a: Element | null = e; a; a = a.parentElement) backgrounds.push(getComputedStyle(a).backgroundColor);
    return {
      what: describe(e),
      color: getComputedStyle(e).color,
      backgrounds,
    };
  });
}

/** The background behind an element: its own or the first ancestor's that is not transparent (blended over the rest). */
function effectiveBackground(backgrounds: string[]): Rgb {
  let rgb: Rgb = [255, 255, 255]; // the canvas behind an unstyled page
  for (const css of [...backgrounds].reverse()) {
    const { rgb: c, alpha } = parseColor(css);
    rgb = rgb.map((v, i) => c[i]! * alpha + v * (1 - alpha)) as Rgb;
  }
  return rgb;
}

export function computedContrast(c: ComputedColors): number {
  return contrast(parseColor(c.color).rgb, effectiveBackground(c.backgrounds));
}

/** Where each select wholly in the window sits, text only: inside its border, left of its arrow. */
function textBoxes(): {
  x: number;
  y: number;
  w: number;
  h: number;
  what: string;
}[] {
  const dpr = window.devicePixelRatio;
  return Array.from(document.querySelectorAll('select')).flatMap((select, i) => {
    const r = select.getBoundingClientRect();
    if (select.offsetParent === null || r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return [];
    const label = Array.from(select.labels?.[0]?.childNodes ?? [])
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
    const name = label || select.getAttribute('aria-label') || select.id;
    // 4 px in from the border, and clear of the arrow (a little over a line's height wide at the right).
    const arrow = 1.6 * parseFloat(getComputedStyle(select).fontSize);
    const px = (v: number) => Math.round(v * dpr);
    return [
      {
        x: px(r.left + 4),
        y: px(r.top + 4),
        w: px(r.width - 8 - arrow),
        h: px(r.height - 8),
        what: `select "${name}" #${i}`,
      },
    ];
  });
}

/**
 * The painted contrast of a select's text: the most common colour in its text box is the background, the pixel
 * that differs most from it is the text's colour (glyph stems reach the full colour; anti-aliasing only lies between).
 */
function paintedContrast(png: PNG, box: { x: number; y: number; w: number; h: number }): number {
  const counts = new Map<number, number>();
  const pixels: Rgb[] = [];
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * png.width + x) * 4;
      const rgb: Rgb = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      pixels.push(rgb);
      const key = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const key = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const background: Rgb = [(key >> 16) & 255, (key >> 8) & 255, key & 255];
  return Math.max(...pixels.map((p) => contrast(p, background)));
}

/** The painted text contrast of each select in the window at the top of the page, by name. */
export async function paintedSelectContrasts(page: EnginePage): Promise<Record<string, number>> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        window.scrollTo(0, 0);
        requestAnimationFrame(() => requestAnimationFrame(() => done()));
      }),
  );
  const boxes = await page.evaluate(textBoxes);
  const png = PNG.sync.read(await page.screenshot());
  return Object.fromEntries(boxes.map((box) => [box.what, Math.round(paintedContrast(png, box) * 10) / 10]));
}
