import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR, PUBLIC_DATA_DIR } from '../../node/paths.ts';
import { ensureCache, readSplit } from '../../node/cifarCache.ts';
import { ChecksumError, ensureTarball, TARBALL_NAME, verifyOrDelete, sha256File } from '../../node/cifarPackage.ts';
import { decodeSprite, decodeSpriteFile, encodeSprite } from '../../node/decodeSprite.ts';
import { firstPerClass } from '../../scripts/data/subsets.ts';
import { SUBSETS } from '../../scripts/data/subsetSpec.ts';
import { IMAGE_BYTES, type DataManifest } from '../../src/data/cifar10.ts';
import { spriteRgbaToImages } from '../../src/data/sprite.ts';

const classCounts = (labels: ArrayLike<number>) => {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
};

describe('the decoded CIFAR-10 cache', () => {
  const test = readSplit(CACHE_DIR, 'test');
  const train = readSplit(CACHE_DIR, 'train');

  it('holds 10000 test and 50000 train images, balanced over the ten classes', () => {
    expect(test.count).toBe(10000);
    expect(test.images.length).toBe(10000 * IMAGE_BYTES);
    expect(train.count).toBe(50000);
    expect(train.images.length).toBe(50000 * IMAGE_BYTES);
    expect(classCounts(test.labels)).toEqual(new Array(10).fill(1000));
    expect(classCounts(train.labels)).toEqual(new Array(10).fill(5000));
  });

  it('is the canonical CIFAR-10: test image 0 is a cat starting with (158,112,49)', () => {
    expect(test.labels[0]).toBe(3);
    expect(Array.from(test.images.subarray(0, 3))).toEqual([158, 112, 49]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
  });

  it('a second run with the cache present does nothing (no download)', async () => {
    const said: string[] = [];
    await ensureCache(CACHE_DIR, (s) => said.push(s));
    expect(said).toEqual([]);
  });
});

describe('checksum failures', () => {
  it('a corrupt file is deleted and reported with what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'epsilon-sum-'));
    const file = join(dir, 'test_lables.json');
    writeFileSync(file, '[3,8,8');
    const expected = 'a5df9ed6f395827dd69906fe5ac740be70395ca9d841974d4351818628b48bb6';
    expect(() => verifyOrDelete(file, expected, sha256File)).toThrow(ChecksumError);
    expect(existsSync(file)).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('a truncated cached tarball fails its registry integrity check, is deleted, and the message says to re-run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'epsilon-tgz-'));
    const tarball = join(dir, TARBALL_NAME);
    writeFileSync(tarball, readFileSync(join(CACHE_DIR, TARBALL_NAME)).subarray(0, 4096));
    expect(() => ensureTarball(dir, () => {})).toThrow(/Checksum mismatch.*npm run data/s);
    expect(existsSync(tarball)).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('an intact cached tarball passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'epsilon-tgz-'));
    copyFileSync(join(CACHE_DIR, TARBALL_NAME), join(dir, TARBALL_NAME));
    expect(ensureTarball(dir, () => {})).toBe(join(dir, TARBALL_NAME));
    rmSync(dir, { recursive: true });
  });
});

describe('subsets', () => {
  it('firstPerClass takes a balanced, ordered slice of each class', () => {
    const labels = [0, 1, 0, 1, 0, 1, 0, 1];
    expect(firstPerClass(labels, 2, 0, 2)).toEqual([0, 1, 2, 3]);
    expect(firstPerClass(labels, 2, 1, 2)).toEqual([2, 3, 4, 5]);
    expect(() => firstPerClass(labels, 5, 0, 2)).toThrow(/Not enough/);
  });

  it('sprites round-trip through PNG encoding and the browser-side splitter', () => {
    const rgb = new Uint8Array(3 * IMAGE_BYTES).map((_, i) => (i * 7) % 256);
    const { count, rgb: back } = decodeSprite(encodeSprite(rgb));
    expect(count).toBe(3);
    expect(back).toEqual(rgb);
    const rgba = new Uint8Array(3 * 4096);
    for (let p = 0; p < 3 * 1024; p++) rgba.set([...rgb.subarray(p * 3, p * 3 + 3), 255], p * 4);
    const images = spriteRgbaToImages(rgba, 3);
    expect(images.map((im) => Array.from(im))).toEqual([0, 1, 2].map((i) => Array.from(rgb.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES))));
  });

  it('public/data holds the gallery, the evaluation set and the training subset, as specified', () => {
    const manifest = JSON.parse(readFileSync(join(PUBLIC_DATA_DIR, 'manifest.json'), 'utf8')) as DataManifest;
    const test = readSplit(CACHE_DIR, 'test');
    const train = readSplit(CACHE_DIR, 'train');
    for (const spec of SUBSETS) {
      const m = manifest.subsets[spec.name];
      expect(m.count).toBe(spec.perClass * 10);
      expect(classCounts(m.labels)).toEqual(new Array(10).fill(spec.perClass));
      const source = m.split === 'test' ? test : train;
      const { count, rgb } = decodeSpriteFile(join(PUBLIC_DATA_DIR, m.sprite));
      expect(count).toBe(m.count);
      const wrong = m.sourceIndex.filter(
        (src, i) =>
          m.labels[i] !== source.labels[src] ||
          Buffer.compare(rgb.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES), source.images.subarray(src * IMAGE_BYTES, (src + 1) * IMAGE_BYTES)) !==
            0,
      );
      expect(wrong).toEqual([]);
    }
    expect(manifest.subsets.eval.count).toBe(1000);
    expect(manifest.subsets.gallery.count).toBeGreaterThanOrEqual(100);
    expect(manifest.subsets.train.split).toBe('train');
    const evalSet = new Set(manifest.subsets.eval.sourceIndex);
    expect(manifest.subsets.gallery.sourceIndex.filter((i) => evalSet.has(i))).toEqual([]);
  });
});
