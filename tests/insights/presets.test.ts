// Every preset is a lab state a link can carry: a valid attack, inside the controls' ranges (nothing clamped on
// the way through a link), on a shipped model.
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/attacks/index.ts';
import { PRESETS } from '../../src/state/presets.ts';
import { decodeHashReport, encodeHashReport } from '../../src/state/urlSchema.ts';
import { BUNDLED_MODELS } from '../../src/state/modelSlice.ts';

describe('presets', () => {
  it('have unique ids and say what to look for', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) expect(p.lookFor.length).toBeGreaterThan(20);
  });

  for (const p of PRESETS) {
    it(`${p.id}: a valid attack on a shipped model that survives a link unchanged`, () => {
      expect(() => validateConfig(p.state.config)).not.toThrow();
      expect(BUNDLED_MODELS.map((m) => m.id)).toContain(p.state.model);
      const { hash, omitted } = encodeHashReport(p.state);
      expect(omitted).toEqual([]);
      const back = decodeHashReport(hash);
      expect(back.problems).toEqual([]);
      expect(back.state).toMatchObject(p.state);
    });
  }
});
