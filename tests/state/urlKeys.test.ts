// The link's key table: what sharing writes, the link reader reads back; what it cannot carry is reported.
import { beforeEach, describe, expect, it } from 'vitest';
import { SHOWN_CHARS, decodeHash, decodeHashReport, encodeHash, encodeHashReport } from '../../src/state/urlSchema.ts';
import { URL_KEYS } from '../../src/state/urlKeys.ts';
import { applySharedState } from '../../src/state/labState.ts';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { ATTACK_DEFAULTS } from '../../src/attacks/catalog.ts';

describe('the model key', () => {
  it.each(['standard', 'robust', 'training', 'saved:class demo', 'saved:my_model-2.1', 'saved:' + 'x'.repeat(40)])('a link keeps %s', (model) => {
    const hash = encodeHash({ model });
    expect(decodeHash(hash).model).toBe(model);
  });

  it('an uploaded model is left out of the link, and said so', () => {
    const { hash, omitted } = encodeHashReport({ model: 'upload:mnist-like', image: 3 });
    expect(decodeHash(hash)).toEqual({ image: 3 });
    expect(omitted).toEqual(['model "upload:mnist-like"']);
  });

  it('rejects what no writer writes', () => {
    for (const bad of ['<script>', '../../etc', 'saved:', 'saved:a/b', 'upload:x', 'Standard']) {
      expect(decodeHash(`#model=${encodeURIComponent(bad)}`).model, bad).toBeUndefined();
    }
  });
});

describe('every key', () => {
  it('parses what it serialises, to the same text', () => {
    const samples: { [K in keyof typeof URL_KEYS]: unknown[] } = {
      image: [0, 1012, 9999],
      model: ['robust', 'saved:a b'],
      backend: ['webgl', 'wasm', 'cpu'],
      target: [null, 0, 9],
      bpda: [true, false],
      colormap: ['amplified', 'diverging'],
      hide: [['gallery', 'controls']],
      big: [true, false],
      lesson: ['lessons/adversarial-examples.json', 'class/week 3.json'],
      step: [1, 12],
    };
    for (const [name, values] of Object.entries(samples)) {
      const k = URL_KEYS[name as keyof typeof URL_KEYS] as { serialise(v: unknown): string; parse(raw: string): unknown };
      for (const v of values) expect(k.parse(k.serialise(v)), `${name} ${JSON.stringify(v)}`).toEqual(v);
    }
  });

  it('reports what it ignored or clamped, and nothing for a clean link', () => {
    const clean = encodeHash({ image: 5, model: 'saved:demo', attack: 'pgd', config: { ...ATTACK_DEFAULTS.pgd, steps: 40 }, target: 2 });
    expect(decodeHashReport(clean).problems).toEqual([]);
    const { problems } = decodeHashReport('#attack=pgd&eps=500&steps=abc&model=<x>&colormap=rainbow&isolate=0');
    expect(problems).toEqual([
      'model=<x> was ignored',
      'colormap=rainbow was ignored',
      'eps=500 was changed to 32',
      'steps=abc was ignored',
      'isolate=0 was ignored: the page has no such key',
    ]);
  });

  it('says which keys it does not know (a typo), and a value clamped to nothing is ignored, not "changed to "', () => {
    expect(decodeHashReport('#esp=4&image=1022').problems).toEqual(['esp=4 was ignored: the page has no such key']);
    expect(decodeHashReport('#hide=__proto__').problems).toEqual(['hide=__proto__ was ignored']);
    expect(decodeHashReport('#hide=__proto__').state.view?.hidden).toBeUndefined();
    expect(decodeHashReport('#hide=gallery,evil').problems).toEqual(['hide=gallery,evil was changed to gallery']);
    // A parameter of another attack than the link's is a key the page knows: not reported as a typo.
    expect(decodeHashReport('#attack=fgsm&steps=10').problems).toEqual([]);
  });
});

describe('what a link that asks for the impossible is told', () => {
  beforeEach(resetAppStore);

  it('a target outside the ten classes is refused, not moved to the nearest class (-1 is not airplane)', () => {
    for (const raw of ['-1', '10', '42', '2.5']) {
      const { state, problems } = decodeHashReport(`#target=${raw}`);
      expect(state.target, raw).toBeUndefined();
      expect(problems).toEqual([`target=${raw} was ignored: expected a class from 0 to 9, or none`]);
    }
    expect(decodeHashReport('#target=0').state.target).toBe(0);
    expect(decodeHashReport('#target=none').state.target).toBeNull();
    // Applied, a refused target leaves the attack untargeted.
    expect(applySharedState(decodeHash('#target=-1'))).toEqual([]);
    expect(useAppStore.getState().target).toBeNull();
  });

  it('bpda=1 on a model without a defence is reported as ignored and not kept; on the defended model it applies', () => {
    expect(applySharedState(decodeHash('#model=standard&bpda=1'))).toEqual([
      'bpda=1 was ignored: Standard CNN has no defence to attack through (BPDA is for Defended CNN (input quantisation))',
    ]);
    expect(useAppStore.getState().bpda).toBe(false);
    expect(applySharedState(decodeHash('#model=defended&bpda=1'))).toEqual([]);
    expect(useAppStore.getState().bpda).toBe(true);
    expect(applySharedState(decodeHash('#model=robust&bpda=0'))).toEqual([]);
    expect(useAppStore.getState().bpda).toBe(false);
  });

  it('a link carries bpda only where it applies: ticked on the defended model, then the standard model chosen, it is left out', () => {
    const s = useAppStore.getState();
    s.selectModel('defended');
    s.setBpda(true);
    expect(URL_KEYS.bpda.read(useAppStore.getState())).toBe(true);
    s.selectModel('standard');
    expect(URL_KEYS.bpda.read(useAppStore.getState())).toBe(false);
  });

  it('an unknown key and a refused value are quoted shortened: a 200,000-character key does not fill the notice', () => {
    const long = 'k'.repeat(200_000);
    const [unknown] = decodeHashReport(`#${long}=${'v'.repeat(1000)}`).problems;
    expect(unknown).toBe(`${'k'.repeat(SHOWN_CHARS)}…=${'v'.repeat(SHOWN_CHARS)}… was ignored: the page has no such key`);
    const [refused] = decodeHashReport(`#colormap=${'x'.repeat(5000)}`).problems;
    expect(refused).toBe(`colormap=${'x'.repeat(SHOWN_CHARS)}… was ignored`);
    // Up to the limit, quoted whole.
    expect(decodeHashReport(`#${'a'.repeat(SHOWN_CHARS)}=1`).problems).toEqual([
      `${'a'.repeat(SHOWN_CHARS)}=1 was ignored: the page has no such key`,
    ]);
  });
});
