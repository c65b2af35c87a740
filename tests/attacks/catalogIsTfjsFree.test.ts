// The catalog (src/attacks/catalog.ts) is what the store, links, lessons and views read about the attacks: its whole
// import graph must stay free of tfjs, types included, or reading a label loads the engine. Checked on the source
// text: every import and re-export specifier, followed through the project's own files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
// `import ... from 'x'`, `export ... from 'x'`, `import 'x'` and `import('x')`, across lines.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

const specifiersOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => m[1]!);
const rel = (file: string) => relative(ROOT, file).split('\\').join('/');

/** Every project file reachable from `entry` by relative imports, and every package specifier met on the way (by file). */
function importGraph(entry: string): { files: Set<string>; packages: { file: string; specifier: string }[] } {
  const files = new Set<string>();
  const packages: { file: string; specifier: string }[] = [];
  const visit = (file: string) => {
    if (files.has(rel(file))) return;
    files.add(rel(file));
    for (const s of specifiersOf(file)) {
      if (s.startsWith('.')) visit(resolve(dirname(file), s));
      else packages.push({ file: rel(file), specifier: s });
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

const tfjsIn = (graph: ReturnType<typeof importGraph>) => graph.packages.filter((p) => p.specifier.startsWith('@tensorflow'));

describe('the attack catalog', () => {
  it('reaches no @tensorflow package through any of its files', () => {
    const graph = importGraph('src/attacks/catalog.ts');
    // The walk really follows the catalog's files (descriptors, specs, validation, the evaluation rule).
    for (const f of ['src/attacks/descriptors/square.ts', 'src/attacks/parameters.ts', 'src/attacks/validate.ts', 'src/attacks/pgdEvaluation.ts']) {
      expect(graph.files).toContain(f);
    }
    expect(tfjsIn(graph)).toEqual([]);
  });

  it('is told apart from the engine, whose graph does reach tfjs', () => {
    expect(tfjsIn(importGraph('src/attacks/index.ts')).length).toBeGreaterThan(0);
  });
});

/** The .ts and .tsx files under a folder of the project. */
const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(ROOT, dir, f));

describe('the store, lessons and views', () => {
  it('import the attacks only through the catalog', () => {
    const files = ['src/state', 'src/lessons', 'src/components'].flatMap(sourcesUnder);
    expect(files.length).toBeGreaterThan(0);
    const attacksDir = join(ROOT, 'src/attacks');
    const wrong = files.flatMap((file) =>
      specifiersOf(file)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolve(dirname(file), s))
        .filter((target) => target.startsWith(attacksDir + '/') && rel(target) !== 'src/attacks/catalog.ts')
        .map((target) => `${rel(file)} -> ${rel(target)}`),
    );
    expect(wrong).toEqual([]);
  });
});
