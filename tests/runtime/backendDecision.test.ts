import { describe, expect, it } from 'vitest';
import { decideFromTimings, isSoftwareRenderer, rendererName, userChoiceReason } from '../../src/runtime/backend/backendDecision.ts';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

describe('software renderer detection', () => {
  it('names the CPU renderers and not real GPUs', () => {
    for (const r of [SWIFTSHADER, 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Mesa softpipe', 'Microsoft Basic Render Driver']) {
      expect(isSoftwareRenderer(r), r).toBe(true);
    }
    for (const r of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)', 'Apple M1', 'Mali-G78', null]) {
      expect(isSoftwareRenderer(r), String(r)).toBe(false);
    }
    expect(rendererName(SWIFTSHADER)).toBe('SwiftShader');
  });
});

describe('deciding from timings', () => {
  it('picks WASM when emulated WebGL is slower, with the ratio in words', () => {
    const d = decideFromTimings(SWIFTSHADER, { wasm: 10, webgl: 62, budgetMs: 400 });
    expect(d.name).toBe('wasm');
    expect(d.reason).toContain('emulated in software');
    expect(d.reason).toContain('6x faster');
  });

  it('picks WASM when WebGL did not finish within the budget, and claims no ratio it did not measure', () => {
    const d = decideFromTimings(SWIFTSHADER, { wasm: 20, webgl: null, budgetMs: 400 });
    expect(d.name).toBe('wasm');
    expect(d.reason).toContain('WebGL had not finished it after 400 ms');
    expect(d.reason).not.toMatch(/\dx faster/);
  });

  it('keeps WebGL when it measures faster, or when WASM failed', () => {
    expect(decideFromTimings(SWIFTSHADER, { wasm: 30, webgl: 12, budgetMs: 400 }).name).toBe('webgl');
    expect(decideFromTimings(SWIFTSHADER, { wasm: null, webgl: 90, budgetMs: 400 }).name).toBe('webgl');
  });
});

describe('a backend the user or a link picked', () => {
  it('says when the WebGL picked is emulated in software, and nothing more otherwise', () => {
    expect(userChoiceReason('webgl', SWIFTSHADER, 'you chose it')).toBe(
      'you chose it, but WebGL is emulated in software here (SwiftShader): expect it to be slower than WASM',
    );
    expect(userChoiceReason('webgl', 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)', 'you chose it')).toBe('you chose it');
    expect(userChoiceReason('wasm', SWIFTSHADER, 'you chose it')).toBe('you chose it');
    expect(userChoiceReason('webgl', null, 'you chose it')).toBe('you chose it');
  });
});
