// The README's own claims that need no browser: every file it links to exists, and the `hide` values it lists are
// exactly the parts the page can hide.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';
import { HIDEABLE } from '../../src/state/uiSlice.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md', () => {
  it('links only to files that exist', () => {
    const targets = [...README.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(existsSync(join(ROOT, t)), t).toBe(true);
  });

  it('lists exactly the parts `hide` can hide', () => {
    const row = README.split('\n').find((l) => l.startsWith('| `hide` |'));
    expect(row).toBeDefined();
    const listed = [...row!.split('|')[2]!.matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
    expect(listed).toEqual([...HIDEABLE]);
  });
});
