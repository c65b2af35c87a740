// A new attack needs its descriptor and one registry entry, nothing else: a toy attack added to a copy of the app's
// table meets the same derivations the app uses (controls, validation, links, Python) and each handles it.
import { describe, expect, it } from 'vitest';
import {
  ATTACK_DESCRIPTORS,
  EPS_SPECS,
  NORM_SPEC,
  defaultsIn,
  initialConfigsIn,
  normFieldsIn,
  parametersIn,
  pythonSnippet,
  validateConfig,
  type AttackDescriptor,
  type DescriptorTable,
  type NumberParameter,
} from '../../src/attacks/index.ts';
import { decodeHash, decodeHashReport, encodeHash } from '../../src/state/urlSchema.ts';

/** Uniform noise in the eps-ball, the best of `tries` draws: an attack the app does not have. */
interface ToyConfig {
  kind: 'toy';
  norm: 'linf' | 'l2';
  eps: number;
  tries: number;
}

const TOY: AttackDescriptor<ToyConfig> = {
  kind: 'toy',
  name: 'Random noise',
  label: 'Noise',
  targeted: false,
  fixedEps: true,
  defaults: { kind: 'toy', norm: 'linf', eps: 4 / 255, tries: 5 },
  byNorm: { linf: { eps: 4 / 255 }, l2: { eps: 1 } },
  capped: { tries: 1 },
  parameters: {
    norm: NORM_SPEC,
    eps: EPS_SPECS,
    tries: {
      type: 'number',
      label: 'Tries',
      description: 'Noise draws; the most damaging is kept',
      unit: 'draws',
      scale: 1,
      min: 1,
      max: 20,
      step: 1,
      integer: true,
      limit: { min: 1, max: 1000 },
    },
  },
  python: (c) => [`# noise: ${c.tries} draws of eps ${c.eps}`, 'adv_images = images'],
};

// The one registry entry.
const TABLE: DescriptorTable = { ...ATTACK_DESCRIPTORS, toy: TOY };
const toy = defaultsIn(TABLE, 'toy');

describe('a toy attack added to the table', () => {
  it('gets controls from its specs, in display order, with units per norm', () => {
    expect(parametersIn(TABLE, toy).map(([f, s]) => [f, s.label])).toEqual([
      ['norm', 'Norm'],
      ['eps', 'Epsilon'],
      ['tries', 'Tries'],
    ]);
    const l2 = defaultsIn(TABLE, 'toy', 'l2');
    expect(l2).toEqual({ kind: 'toy', norm: 'l2', eps: 1, tries: 5 });
    expect((parametersIn(TABLE, l2)[1]![1] as NumberParameter).unit).toBe('L2');
    expect(normFieldsIn(TABLE, 'toy')).toEqual(['norm', 'eps']);
    expect(initialConfigsIn(TABLE).toy).toEqual(toy);
    // The app's own table does not know it.
    expect(Object.keys(initialConfigsIn(ATTACK_DESCRIPTORS))).not.toContain('toy');
  });

  it('is validated against its specs', () => {
    expect(() => validateConfig(toy, TABLE)).not.toThrow();
    expect(() => validateConfig({ ...toy, tries: 0 }, TABLE)).toThrow(/^tries: must be >= 1/);
    expect(() => validateConfig({ ...toy, tries: 2.5 }, TABLE)).toThrow(/^tries: must be a whole number/);
    expect(() => validateConfig({ ...toy, eps: 2 }, TABLE)).toThrow(/^eps: /); // beyond the L-infinity box
    expect(() => validateConfig({ ...toy, eps: 2, norm: 'l2' }, TABLE)).not.toThrow();
    expect(() => validateConfig({ ...toy, steps: 3 }, TABLE)).toThrow(/^steps: not a parameter of toy/);
    expect(() => validateConfig(toy)).toThrow(/^kind: unknown attack "toy"/);
  });

  it('round-trips through a link, in shown units, clamped to its controls', () => {
    const config = { ...toy, eps: 6 / 255, tries: 12 };
    const hash = encodeHash({ attack: 'toy' as never, config: config as never }, TABLE);
    expect(hash).toBe('attack=toy&norm=linf&eps=6&tries=12');
    expect(decodeHash(hash, TABLE)).toEqual({ attack: 'toy', config });
    const { state, problems } = decodeHashReport('#attack=toy&norm=l2&tries=99', TABLE);
    expect(state.config).toEqual({ kind: 'toy', norm: 'l2', eps: 1, tries: 20 });
    expect(problems).toEqual(['tries=99 was changed to 20']);
    // Without the entry, the link's attack is reported and dropped.
    expect(decodeHashReport('#attack=toy&tries=3').problems).toEqual(['attack=toy was ignored', 'tries=3 was ignored: the page has no such key']);
  });

  it('writes its own Python, untargeted whatever the target', () => {
    const s = pythonSnippet({ ...toy, tries: 7 }, 3, TABLE);
    expect(s.split('\n').slice(1)).toEqual([`# noise: 7 draws of eps ${4 / 255}`, 'adv_images = images']);
    expect(s).toMatch(/^# images: float tensor/);
  });
});
