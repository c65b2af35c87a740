import { describe, expect, it } from 'vitest';
import {
  decideFromTimings,
  isSoftwareRenderer,
  rendererName,
  softwareNote,
  timingsText,
  userChoiceReason,
} from '../../src/runtime/backend/backendDecision.ts';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
/** Chromium's WebGPU adapter with --use-webgpu-adapter=swiftshader, as gpuCandidates.ts names it. */
const SWIFTSHADER_ADAPTER = 'google swiftshader';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)';
/** WebKit's masked renderer, on Linux's software GL as on a real Mac. */
const APPLE = 'Apple GPU';

describe('software renderer detection', () => {
  it('names the CPU renderers and adapters, and not real or masked GPUs', () => {
    for (const r of [
      SWIFTSHADER,
      SWIFTSHADER_ADAPTER,
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'Mesa softpipe',
      'Microsoft Basic Render Driver',
      'x (software fallback adapter)',
    ]) {
      expect(isSoftwareRenderer(r), r).toBe(true);
    }
    for (const r of [NVIDIA, APPLE, 'Apple M1', 'Mali-G78', 'nvidia ampere', null]) {
      expect(isSoftwareRenderer(r), String(r)).toBe(false);
    }
    expect(rendererName(SWIFTSHADER)).toBe('SwiftShader');
    expect(rendererName(SWIFTSHADER_ADAPTER)).toBe('SwiftShader');
  });

  it('words which GPU candidates are emulated, with one name when they share it', () => {
    expect(softwareNote({ webgl: SWIFTSHADER, webgpu: SWIFTSHADER_ADAPTER })).toBe('WebGL and WebGPU are emulated in software here (SwiftShader)');
    expect(softwareNote({ webgl: 'llvmpipe (LLVM 15)', webgpu: SWIFTSHADER_ADAPTER })).toBe(
      'WebGL (llvmpipe) and WebGPU (SwiftShader) are emulated in software here',
    );
    expect(softwareNote({ webgl: APPLE, webgpu: SWIFTSHADER_ADAPTER })).toBe('WebGPU is emulated in software here (SwiftShader)');
    expect(softwareNote({ webgl: APPLE, webgpu: null })).toBeNull();
  });
});

describe('deciding from timings', () => {
  it('picks WASM when emulated WebGL is slower, with the ratio and every time in words', () => {
    const d = decideFromTimings({ webgl: SWIFTSHADER, webgpu: null }, { ms: { wasm: 10, webgl: 62 }, budgetMs: 400 });
    expect(d.name).toBe('wasm');
    expect(d.reason).toBe('WebGL is emulated in software here (SwiftShader); WASM is 6x faster than WebGL (timed: WASM 10 ms, WebGL 62 ms)');
  });

  it("times WebKit's masked renderer like any other: WASM wins on the times alone, with no word about software", () => {
    const d = decideFromTimings({ webgl: APPLE, webgpu: null }, { ms: { wasm: 6.3, webgl: 31 }, budgetMs: 400 });
    expect(d).toMatchObject({ name: 'wasm', reason: 'WASM is 5x faster than WebGL (timed: WASM 6 ms, WebGL 31 ms)' });
    // The same name on a real Mac's GPU, timed faster: WebGL.
    expect(decideFromTimings({ webgl: APPLE, webgpu: null }, { ms: { wasm: 6.3, webgl: 2 }, budgetMs: 400 }).name).toBe('webgl');
  });

  it('takes WebGPU among three when it is fastest, and lists the one that had not finished last', () => {
    const d = decideFromTimings({ webgl: NVIDIA, webgpu: 'nvidia ampere' }, { ms: { wasm: 4, webgl: null, webgpu: 3 }, budgetMs: 400 });
    expect(d.name).toBe('webgpu');
    expect(d.reason).toBe('WebGPU is 1.3x faster than WASM (timed: WebGPU 3 ms, WASM 4 ms, WebGL had not finished after 400 ms)');
    expect(timingsText(d.timings!)).toBe('timed: WebGPU 3 ms, WASM 4 ms, WebGL had not finished after 400 ms');
  });

  it('picks WASM when no GPU finished within the budget, and claims no ratio it did not measure', () => {
    const d = decideFromTimings({ webgl: SWIFTSHADER, webgpu: SWIFTSHADER_ADAPTER }, { ms: { wasm: 20, webgl: null, webgpu: null }, budgetMs: 400 });
    expect(d.name).toBe('wasm');
    expect(d.reason).toBe(
      'WebGL and WebGPU are emulated in software here (SwiftShader); WASM is the only one to finish the test ' +
        '(timed: WASM 20 ms, WebGPU had not finished after 400 ms, WebGL had not finished after 400 ms)',
    );
    expect(d.reason).not.toMatch(/\dx faster/);
  });

  it('a tie in whole milliseconds goes to the GPU, which leaves the CPU to the page; WebGPU before WebGL', () => {
    expect(decideFromTimings({ webgl: NVIDIA, webgpu: null }, { ms: { wasm: 30.2, webgl: 29.9 }, budgetMs: 400 }).reason).toBe(
      'WebGL is as fast as WASM and leaves the CPU to the page (timed: WebGL 30 ms, WASM 30 ms)',
    );
    expect(decideFromTimings({ webgl: NVIDIA, webgpu: 'a' }, { ms: { wasm: 9, webgl: 5, webgpu: 5 }, budgetMs: 400 }).name).toBe('webgpu');
    // A sub-millisecond lead of WASM is still a lead in the times; the words do not call it faster.
    const d = decideFromTimings({ webgl: NVIDIA, webgpu: null }, { ms: { wasm: 29.8, webgl: 30.1 }, budgetMs: 400 });
    expect(d).toMatchObject({ name: 'wasm', reason: 'WASM is as fast as WebGL (timed: WASM 30 ms, WebGL 30 ms)' });
  });

  it('keeps a GPU when WASM failed; tries a GPU when nothing finished', () => {
    expect(decideFromTimings({ webgl: SWIFTSHADER, webgpu: null }, { ms: { wasm: null, webgl: 90 }, budgetMs: 400 }).name).toBe('webgl');
    const none = decideFromTimings({ webgl: NVIDIA, webgpu: 'a' }, { ms: { wasm: null, webgl: null, webgpu: null }, budgetMs: 400 });
    expect(none.name).toBe('webgpu');
    expect(none.reason).toMatch(/^no backend finished the test in time; trying WebGPU \(timed: /);
  });
});

describe('a backend the user or a link picked', () => {
  it('says when the GPU picked is emulated in software, and nothing more otherwise', () => {
    const soft = { webgl: SWIFTSHADER, webgpu: SWIFTSHADER_ADAPTER };
    expect(userChoiceReason('webgl', soft, 'you chose it')).toBe(
      'you chose it, but WebGL is emulated in software here (SwiftShader): expect it to be slower than WASM',
    );
    expect(userChoiceReason('webgpu', soft, 'you chose it')).toBe(
      'you chose it, but WebGPU is emulated in software here (SwiftShader): expect it to be slower than WASM',
    );
    expect(userChoiceReason('webgl', { webgl: NVIDIA, webgpu: SWIFTSHADER_ADAPTER }, 'you chose it')).toBe('you chose it');
    expect(userChoiceReason('wasm', soft, 'you chose it')).toBe('you chose it');
    expect(userChoiceReason('webgl', { webgl: null, webgpu: null }, 'you chose it')).toBe('you chose it');
  });
});
