// The layering is kept by a tool (oxlint's no-restricted-imports, generated from the allow-list table in
// oxlint.config.mjs), and the tool really fails on an import the table does not allow: shown on small trees laid out
// like ours, checked with our config.
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
      'src/lib/index.ts': 'export const l = 1;\n',
      'src/attacks/index.ts': "import { l } from '../lib/index.ts';\nexport { pgd } from './pgd.ts';\nexport const k = l;\n",
      'src/attacks/catalog.ts': 'export const labels = 1;\n',
      'src/attacks/pgd.ts': 'export const pgd = 1;\n',
      'src/training/index.ts': "import { pgd } from '../attacks/index.ts';\nexport const t = pgd;\n",
      'src/training/catalog.ts': "import { labels } from '../attacks/catalog.ts';\nexport const methods = labels;\n",
      'src/state/s.ts':
        "import { labels } from '../attacks/catalog.ts';\nimport { methods } from '../training/catalog.ts';\nexport const s = [labels, methods];\n",
      'src/runtime/lab/index.ts':
        "import { store } from '../../state/store.ts';\nimport { t } from '../../training/index.ts';\n" +
        "import { j } from '../jobs/index.ts';\nexport const r = [store, t, j];\n",
      'src/runtime/jobs/index.ts': 'export const j = 1;\n',
      'src/components/C.tsx':
        "import { r } from '../runtime/lab/index.ts';\nimport { labels } from '../attacks/catalog.ts';\n" +
        'export const C = () => <p>{String([r, labels])}</p>;\n',
      'node/n.ts': "import { readFileSync } from 'node:fs';\nimport { pgd } from '../src/attacks/index.ts';\nexport const n = [readFileSync, pgd];\n",
    });
    expect(r.ok, r.output).toBe(true);
  });

  // One probe per rule of the table, and one per hole the old deny-lists had (issue 29): each must fail, naming why.
  it.each([
    [
      'the pure core importing the store',
      { 'src/attacks/pgd.ts': "import { store } from '../state/store.ts';\nexport const pgd = store;\n" },
      'not state',
    ],
    ['the core importing zustand', { 'src/training/t.ts': "import { create } from 'zustand';\nexport const t = create;\n" }, 'no zustand packages'],
    ['the core importing src/bench', { 'src/training/t.ts': "import { m } from '../bench/measure.ts';\nexport const t = m;\n" }, 'not bench'],
    [
      'the core importing a node: builtin',
      { 'src/attacks/a.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n" },
      'no node packages',
    ],
    ['lib importing a layer above it', { 'src/lib/l.ts': "import { pgd } from '../attacks/index.ts';\nexport const l = pgd;\n" }, 'nothing of ours'],
    ['data importing the attacks', { 'src/data/d.ts': "import { pgd } from '../attacks/index.ts';\nexport const d = pgd;\n" }, 'not attacks'],
    ['the store importing tfjs', { 'src/state/s.ts': "import * as tf from '@tensorflow/tfjs';\nexport const s = tf;\n" }, 'no tfjs packages'],
    [
      'the store importing the runtime, even for a type',
      { 'src/state/s.ts': "import type { X } from '../runtime/backend/isolation.ts';\nexport type S = X;\n" },
      'not the runtime',
    ],
    [
      'the store loading the attack engine',
      { 'src/state/s.ts': "import { runAttack } from '../attacks/index.ts';\nexport const s = runAttack;\n" },
      'attacks only through catalog.ts',
    ],
    [
      'the store reaching into training/*.ts',
      { 'src/state/s.ts': "import { m } from '../training/methods.ts';\nexport const s = m;\n" },
      'training only through catalog.ts',
    ],
    [
      'the store loading the trainer',
      { 'src/state/s.ts': "import { t } from '../training/index.ts';\nexport const s = t;\n" },
      'training only through catalog.ts',
    ],
    [
      'a component reaching into training/*.ts',
      { 'src/components/x/C.tsx': "import { m } from '../../training/methods.ts';\nexport const C = () => <p>{String(m)}</p>;\n" },
      'training only through catalog.ts',
    ],
    [
      'a script reaching into training/*.ts',
      { 'scripts/model/m.ts': "import { f } from '../../src/training/flags.ts';\nexport const m = f;\n" },
      'training only through index.ts or catalog.ts',
    ],
    [
      'a component importing tfjs',
      { 'src/components/C.tsx': "import * as tf from '@tensorflow/tfjs';\nexport const C = () => <p>{String(tf)}</p>;\n" },
      'no tfjs packages',
    ],
    [
      'a training file reaching past the attack index',
      { 'src/training/t.ts': "import { pgdLoop } from '../attacks/pgd.ts';\nexport const t = pgdLoop;\n" },
      'attacks only through index.ts or catalog.ts',
    ],
    [
      'the lesson format reaching into a slice',
      { 'src/lessons/f.ts': "import { s } from '../state/attackSlice.ts';\nexport const f = s;\n" },
      'state only through urlKeys.ts',
    ],
    [
      'runtime/insights reaching into runtime/lab',
      { 'src/runtime/insights/v.ts': "import { busy } from '../lab/attackRunner.ts';\nexport const v = busy;\n" },
      'use runtime/lab through its index.ts',
    ],
    [
      'runtime/backend writing the store',
      { 'src/runtime/backend/p.ts': "import { store } from '../../state/store.ts';\nexport const p = store;\n" },
      'reaches the store through its callers',
    ],
    [
      'the lesson player setting the lab through a link',
      { 'src/runtime/lessons/p.ts': "import { link } from '../share.ts';\nexport const p = link;\n" },
      'not through links',
    ],
    ['node/ importing a script', { 'node/n.ts': "import { s } from '../scripts/data/s.ts';\nexport const n = s;\n" }, 'not scripts'],
    [
      'node/ importing the runtime',
      { 'node/n.ts': "import { k } from '../src/runtime/backend/index.ts';\nexport const n = k;\n" },
      'not the runtime',
    ],
    [
      'scripts/ importing the runtime',
      { 'scripts/bench/b.ts': "import { k } from '../../src/runtime/backend/index.ts';\nexport const b = k;\n" },
      'not the runtime',
    ],
    [
      'a folder under src/ that no layer places',
      { 'src/widgets/w.ts': "import { l } from '../lib/index.ts';\nexport const w = l;\n" },
      'is in no layer',
    ],
    [
      'a runtime room that the table does not list',
      { 'src/runtime/platform/p.ts': "import { l } from '../../lib/index.ts';\nexport const p = l;\n" },
      'is in no layer',
    ],
    [
      'a cycle',
      {
        'src/state/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
        'src/state/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      },
      'cycle',
    ],
  ])('fail on %s', (_what, files, says) => {
    const r = check({ ...STORE, ...files });
    expect(r.ok).toBe(false);
    expect(r.output).toContain(says);
  });
});
