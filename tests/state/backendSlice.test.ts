import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';

const state = () => useAppStore.getState();

describe('backendSlice', () => {
  beforeEach(resetAppStore);

  it('starts, then holds the backend chosen with the reasons for skipping the others', () => {
    expect(state().backend).toEqual({ status: 'starting' });
    const info = { name: 'wasm' as const, float32RenderTargets: true, fallbacks: ['webgl: software renderer (SwiftShader)'] };
    state().setBackendReady(info);
    expect(state().backend).toEqual({ status: 'ready', info });
  });

  it('a failure replaces a ready backend', () => {
    state().setBackendReady({ name: 'webgl', float32RenderTargets: true, fallbacks: [] });
    state().setBackendFailed('WebGL context lost');
    expect(state().backend).toEqual({ status: 'failed', message: 'WebGL context lost' });
  });
});
