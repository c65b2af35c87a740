// Module-level mutable state in src/runtime is rare and owned: at most five places, each saying why it exists.
// src/model/kernels, which the runtime's backend start installs, keeps none: installKernels asks tfjs's registry.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/runtime');
const KERNELS = join(import.meta.dirname, '../../src/model/kernels');
const MAX_MODULE_STATE = 5;
const MARK = '// Module state:';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

// The parser's ESTree nodes, as far as this scan reads them.
interface Node {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}
const unwrap = (n: Node): Node =>
  ['TSAsExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(n.type) ? unwrap(n.expression as Node) : n;

/**
 * An initialiser that makes a value someone can change: `new`, a call that builds something (a job, a cache),
 * an empty or computed array, or a table holding any of these. Frozen values, literal arrays and tables of
 * functions, names and literals are constants.
 */
function mutableInitialiser(init: Node | null, source: string): boolean {
  if (!init) return false;
  const e = unwrap(init);
  switch (e.type) {
    case 'NewExpression':
      return true;
    case 'ArrayExpression': {
      const elements = e.elements as (Node | null)[];
      return elements.length === 0 || elements.some((x) => !x || unwrap(x).type !== 'Literal');
    }
    case 'ObjectExpression':
      return (e.properties as Node[]).some((p) => p.type !== 'Property' || mutableInitialiser(p.value as Node, source));
    case 'CallExpression': {
      const callee = e.callee as Node;
      return !/^Object\.freeze$/.test(source.slice(callee.start, callee.end));
    }
    default:
      return false;
  }
}

/** Somewhere in the file a field of `name` is assigned: `name.x = ...`, `name[k] += ...`, `name.n++`. */
const assignedInto = (name: string, source: string): boolean =>
  new RegExp(`\\b${name}(?:\\.\\w+|\\[[^\\]]*\\])+\\s*(?:[-+*/]?=(?!=)|\\+\\+|--)`).test(source);

interface Found {
  where: string;
  text: string;
  commented: boolean;
}

function moduleState(source: string, file: string): Found[] {
  const program = parseAst(source, { lang: file.endsWith('x') ? 'tsx' : 'ts' }) as unknown as { body: Node[] };
  const found: Found[] = [];
  let previousEnd = 0;
  for (const top of program.body) {
    const stmt = top.type === 'ExportNamedDeclaration' && top.declaration ? (top.declaration as Node) : top;
    const before = source.slice(previousEnd, top.start);
    previousEnd = top.end;
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations as Node[]) {
      const name = (d.id as Node & { name: string }).name;
      if (stmt.kind === 'const' && !mutableInitialiser(d.init as Node | null, source) && !assignedInto(name, source)) continue;
      const line = source.slice(0, top.start).split('\n').length;
      found.push({ where: `${file}:${line}`, text: name, commented: before.includes(MARK) });
    }
  }
  return found;
}

describe('module state in src/runtime', () => {
  const all = files(ROOT).flatMap((f) => moduleState(readFileSync(f, 'utf8'), relative(ROOT, f)));

  it(`is at most ${MAX_MODULE_STATE} places`, () => {
    expect(all.map((f) => `${f.where} ${f.text}`).length, all.map((f) => `${f.where} ${f.text}`).join('\n')).toBeLessThanOrEqual(MAX_MODULE_STATE);
  });

  it('says why each place exists', () => {
    expect(all.filter((f) => !f.commented).map((f) => f.where)).toEqual([]);
  });

  it("is none in src/model/kernels: what is installed is read from tfjs's registry, not kept in a flag", () => {
    const kernels = files(KERNELS);
    expect(kernels.length).toBeGreaterThan(0);
    expect(kernels.flatMap((f) => moduleState(readFileSync(f, 'utf8'), relative(KERNELS, f))).map((f) => `${f.where} ${f.text}`)).toEqual([]);
  });

  it('the scan sees lets, jobs, caches and tables, and not constants or functions', () => {
    const found = moduleState(
      [
        'let a = 1;',
        'const job = keyedJob();',
        'const cache = new Map();',
        'const list: number[] = [];',
        'const table = { x: keyedJob() };',
        "const ORDER = ['a', 'b'];",
        'const LOADERS = { a: load, b: () => 1 };',
        'const FROZEN = Object.freeze({ a: make() });',
        'const slot = { busy: false };',
        'function h() { slot.busy = true; }',
        'const SETTINGS = { size: 41 };',
        'const CONSTANT = 3;',
        "const NAMES = Object.freeze(['a']);",
        'const f = () => 1;',
        'const lens = { get: (s: number) => s, name: "x" };',
        'function g() { let inner = 1; return inner; }',
      ].join('\n'),
      'sample.ts',
    );
    expect(found.map((f) => f.text)).toEqual(['a', 'job', 'cache', 'list', 'table', 'slot']);
  });
});
