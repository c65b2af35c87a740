import { describe, expect, it } from 'vitest';
import { decodeHash, encodeHash } from '../../src/state/urlSchema.ts';
import { ATTACK_DEFAULTS } from '../../src/attacks/catalog.ts';

describe('the URL hash', () => {
  it('round-trips a whole lab state', () => {
    const state = {
      image: 1012,
      model: 'robust',
      attack: 'pgd' as const,
      config: { ...ATTACK_DEFAULTS.pgd, eps: 4 / 255, steps: 40, randomStart: false },
      target: 3,
      view: { colormap: 'diverging' as const, hidden: ['gallery' as const, 'controls' as const], bigText: true },
    };
    const hash = encodeHash(state);
    expect(hash).toContain('eps=4&'); // shown units: 4/255
    expect(hash).toContain('hide=gallery,controls');
    const back = decodeHash('#' + hash);
    expect(back.image).toBe(1012);
    expect(back.model).toBe('robust');
    expect(back.attack).toBe('pgd');
    expect(back.target).toBe(3);
    expect(back.view).toEqual(state.view);
    const c = back.config as typeof state.config;
    expect(c.eps).toBeCloseTo(4 / 255, 12);
    expect(c.steps).toBe(40);
    expect(c.randomStart).toBe(false);
    expect(c.stepSize).toBeCloseTo(2 / 255, 12);
  });

  it('clamps out-of-range numbers and ignores garbage, unknown keys and injection attempts', () => {
    const s = decodeHash(
      '#attack=pgd&eps=9999&steps=-5&stepSize=abc&restarts=2.7&image=123456&model=<script>&target=42' +
        '&hide=gallery,evil&big=maybe&colormap=rainbow&zzz=1',
    );
    const c = s.config as typeof ATTACK_DEFAULTS.pgd;
    expect(c.eps).toBeCloseTo(32 / 255, 12); // the slider's maximum
    expect(c.steps).toBe(1);
    expect(c.stepSize).toBe(ATTACK_DEFAULTS.pgd.stepSize);
    expect(c.restarts).toBe(3);
    // An image index is not clamped to some other image: applying the link reports that it is not in the gallery.
    expect(s.image).toBe(123456);
    expect(s.model).toBeUndefined();
    // A class number is not clamped to another class: target=42 names none, and is refused.
    expect(s.target).toBeUndefined();
    expect(s.view).toEqual({ hidden: ['gallery'] });
    expect(decodeHash('#attack=nonsense')).toEqual({});
    expect(decodeHash('%%%&&&==')).toEqual({});
    expect(decodeHash('#eps=NaN&attack=fgsm').config).toEqual(ATTACK_DEFAULTS.fgsm);
    expect(decodeHash('#attack=fgsm&eps=Infinity').config).toEqual(ATTACK_DEFAULTS.fgsm);
  });

  it('an L2 link gets L2 units: eps=0.25 means an L2 radius of 0.25, and the step takes the L2 default', () => {
    const c = decodeHash('#attack=pgd&norm=l2&eps=0.25').config as typeof ATTACK_DEFAULTS.pgd;
    expect(c.norm).toBe('l2');
    expect(c.eps).toBe(0.25);
    expect(c.stepSize).toBe(0.1);
  });
});
