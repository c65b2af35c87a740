import { describe, expect, it } from 'vitest';
import { amplification, amplifiedRgb, divergingRgb, toBytes } from '../../src/data/visualize.ts';

describe('perturbation views', () => {
  it('picks a readable factor that maps the largest change to at most half the range', () => {
    expect(amplification([8 / 255, -8 / 255])).toBe(10); // raw 15.9 -> 10
    expect(amplification([0.01])).toBe(50);
    expect(amplification([0.002, 0])).toBe(250);
    expect(amplification([0, 0])).toBe(1);
    expect(amplification([0.6])).toBe(1);
  });

  it('really magnifies: grey is no change, and +-max lands inside the displayable range', () => {
    const d = [0, 8 / 255, -8 / 255];
    const rgb = amplifiedRgb(d, amplification(d));
    expect(rgb[0]).toBe(128);
    expect(rgb[1]).toBe(Math.round((0.5 + (10 * 8) / 255) * 255)); // 208: 80 levels above grey, not 8
    expect(rgb[2]).toBe(Math.round((0.5 - (10 * 8) / 255) * 255));
  });

  it('diverging map: red for brighter, blue for darker, white for unchanged', () => {
    const d = [0.02, 0.02, 0.02, -0.02, -0.02, -0.02, 0, 0, 0];
    const rgb = Array.from(divergingRgb(d, 25));
    expect(rgb.slice(0, 3)).toEqual([255, 0, 0]);
    expect(rgb.slice(3, 6)).toEqual([0, 0, 255]);
    expect(rgb.slice(6, 9)).toEqual([255, 255, 255]);
  });

  it('quantizes to bytes as a PNG stores them', () => {
    expect(Array.from(toBytes([0, 1, 0.5, 1.2, -0.1, 3.4 / 255]))).toEqual([0, 255, 128, 255, 0, 3]);
  });
});
