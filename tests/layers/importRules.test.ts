// The layering is kept by a tool (oxlint with ESLint's import rules, oxlint.config.mjs), and the tool really
// fails on an import that runs up the layers: shown on small trees laid out like ours, checked with our config.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const OXLINT = join(ROOT, 'node_modules/.bin/oxlint');
// Inside the project (an ignored folder), so that the config's own import of oxlint resolves.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const WORK = mkdtempSync(join(ROOT, '.cache/layers-'));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

let trees = 0;
/** Lays out files (path -> text) in a fresh folder with our config, and runs the check there. */
function check(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = join(WORK, String(trees++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  copyFileSync(join(ROOT, 'oxlint.config.mjs'), join(dir, 'oxlint.config.mjs'));
  // Each file named: the folder sits in an ignored one (.cache), which a walk of the tree would skip.
  const r = spawnSync(OXLINT, ['-c', 'oxlint.config.mjs', ...Object.keys(files)], { cwd: dir, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const STORE = { 'src/state/store.ts': 'export const store = 1;\n' };

describe('the import rules', () => {
  it('pass on this project', () => {
    const r = spawnSync(OXLINT, ['-c', 'oxlint.config.mjs', 'src', 'node', 'scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
  });

  it('pass on a tree that keeps the layers', () => {
    const r = check({
      ...STORE,
      'src/attacks/index.ts': "export { pgd } from './pgd.ts';\n",
      'src/attacks/pgd.ts': 'export const pgd = 1;\n',
      'src/training/train.ts': "import { pgd } from '../attacks/index.ts';\nexport const t = pgd;\n",
      'src/runtime/lab/run.ts': "import { store } from '../../state/store.ts';\nimport { t } from '../../training/train.ts';\nexport const r = [store, t];\n",
    });
    expect(r.ok, r.output).toBe(true);
  });

  it.each([
    ['the pure core importing the store', { 'src/attacks/pgd.ts': "import { store } from '../state/store.ts';\nexport const pgd = store;\n" }, 'The pure core'],
    ['the core importing zustand', { 'src/training/t.ts': "import { create } from 'zustand';\nexport const t = create;\n" }, 'The pure core'],
    ['the store importing the runtime, even for a type', { 'src/state/s.ts': "import type { X } from '../runtime/offline/isolation.ts';\nexport type S = X;\n" }, 'The store holds plain data'],
    ['a training file reaching past the attack index', { 'src/training/t.ts': "import { pgdLoop } from '../attacks/pgd.ts';\nexport const t = pgdLoop;\n" }, 'through src/attacks/index.ts'],
    ['a component importing tfjs', { 'src/components/C.tsx': "import * as tf from '@tensorflow/tfjs';\nexport const C = () => <p>{String(tf)}</p>;\n" }, 'tfjs stays below them'],
    ['runtime/insights reaching into runtime/lab', { 'src/runtime/insights/v.ts': "import { busy } from '../lab/attackRunner.ts';\nexport const v = busy;\n" }, 'runtime/lab through its index.ts'],
    ['backend/ writing the store', { 'src/runtime/backend/p.ts': "import { store } from '../../state/store.ts';\nexport const p = store;\n" }, 'are about tfjs and the browser'],
    ['node/ importing a script', { 'node/n.ts': "import { s } from '../scripts/data/s.ts';\nexport const n = s;\n" }, 'never imports a script'],
    ['a cycle', { 'src/state/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n", 'src/state/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n" }, 'cycle'],
  ])('fail on %s', (_what, files, says) => {
    const r = check({ ...STORE, ...files });
    expect(r.ok).toBe(false);
    expect(r.output).toContain(says);
  });
});
