// The README's folder layout names every folder of src/ and every room of src/runtime/, and no folder that is gone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const block = README.slice(README.indexOf('## Folder layout')).split('```')[1] ?? '';
const lines = block.split('\n');
const subfolders = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** Folder names written at `indent` spaces, between the line that opens `parent` and the next line at its indent. */
function listed(parent: RegExp, indent: number): string[] {
  const start = lines.findIndex((l) => parent.test(l));
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const at = line.length - line.trimStart().length;
    if (at < indent && line.trim() !== '') break;
    const m = at === indent ? /^([a-z]+)\//.exec(line.trimStart()) : null;
    if (m) names.push(m[1]!);
  }
  return names.sort();
}

describe("README's folder layout", () => {
  it('names exactly the folders of src/', () => {
    expect(listed(/^src\//, 2)).toEqual(subfolders('src'));
  });

  it('names exactly the rooms of src/runtime/', () => {
    expect(listed(/^ {2}runtime\//, 4)).toEqual(subfolders('src/runtime'));
  });
});
