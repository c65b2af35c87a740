// The README's own claims that need no browser: every file it links to exists, the `hide` values it lists are
// exactly the parts the page can hide, and its tables of link keys, attacks and training methods are the registries'.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../node/paths.ts';
import { HIDEABLE } from '../../src/state/uiSlice.ts';
import { URL_KEY_LIST } from '../../src/state/urlKeys.ts';
import { ATTACK_DESCRIPTORS, ATTACK_KINDS } from '../../src/attacks/index.ts';
import { METHOD_NAMES } from '../../src/training/index.ts';

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

  describe('the link key table', () => {
    const start = README.indexOf('| key | values | meaning |');
    const rows = README.slice(start)
      .split('\n')
      .slice(2)
      .filter((l, i, all) => all.slice(0, i + 1).every((r) => r.startsWith('|')));
    const keysOf = (row: string) => [...row.split('|')[1]!.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!);
    const rowFor = (key: string) => rows.find((r) => keysOf(r).includes(key));

    it('names every key of the URL key table, the attack and its parameters, and nothing else', () => {
      const parameters = new Set(Object.values(ATTACK_DESCRIPTORS).flatMap((d) => Object.keys(d.parameters)));
      expect(new Set(rows.flatMap(keysOf))).toEqual(new Set([...URL_KEY_LIST.map((k) => k.key), 'attack', ...parameters]));
    });

    it('lists exactly the registered attacks under `attack`', () => {
      expect(
        [
          ...rowFor('attack')!
            .split('|')[2]!
            .matchAll(/`([a-z]+)`/g),
        ].map((m) => m[1]),
      ).toEqual([...ATTACK_KINDS]);
    });
  });

  it('names exactly the registered training methods', () => {
    const listed = README.match(/\(methods:\s+([^;]+);/)?.[1];
    expect(listed).toBeDefined();
    expect(new Set(listed!.split(/,\s+|\s+and\s+/))).toEqual(new Set(Object.values(METHOD_NAMES)));
  });
});
