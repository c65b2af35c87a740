// Where things are in the repository, for every Node program (scripts, tests, benchmarks).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Git-ignored download and decode cache. EPSILON_CACHE overrides it (tests use a temp dir). */
export const CACHE_DIR = process.env.EPSILON_CACHE ?? join(ROOT, '.cache', 'cifar10');
/** What the app serves. */
export const PUBLIC_DATA_DIR = join(ROOT, 'public', 'data');
/** The shipped models, one folder each. */
export const MODELS_DIR = join(ROOT, 'models');
