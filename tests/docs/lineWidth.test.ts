// Prettier (npm run format:check) keeps code within 150 characters, but it leaves comments and long strings alone:
// this keeps those within the same width, so no line of ours runs past it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';

const WIDTH = JSON.parse(readFileSync(join(ROOT, '.prettierrc.json'), 'utf8')).printWidth as number;
const SOURCE = /\.(ts|tsx|mjs|css)$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : SOURCE.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('line width', () => {
  it(`is at most the formatter's width (${WIDTH}) in every source file`, () => {
    const files = ['src', 'tests', 'node', 'scripts'].flatMap((d) => sources(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.length > WIDTH ? [`${relative(ROOT, f)}:${i + 1} (${line.length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});
