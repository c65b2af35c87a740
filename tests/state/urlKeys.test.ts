// The link's key table: what sharing writes, the link reader reads back; what it cannot carry is reported.
import { describe, expect, it } from 'vitest';
import { decodeHash, decodeHashReport, encodeHash, encodeHashReport } from '../../src/state/urlSchema.ts';
import { URL_KEYS } from '../../src/state/urlKeys.ts';
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
      image: [0, 1012, 9999], model: ['robust', 'saved:a b'], backend: ['webgl', 'wasm', 'cpu'], target: [null, 0, 9], bpda: [true, false],
      colormap: ['amplified', 'diverging'], hide: [['gallery', 'controls']], big: [true, false],
      lesson: ['lessons/adversarial-examples.json', 'class/week 3.json'], step: [1, 12],
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
    expect(problems).toEqual(['model=<x> was ignored', 'colormap=rainbow was ignored', 'eps=500 was changed to 32', 'steps=abc was ignored', 'isolate=0 was ignored: the page has no such key']);
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
