// Helpers for the runtime tests: a store set up as the page has it once the gallery is in, a fake address bar, tiny
// models of the app's shape, and waiting for the store.
import * as tf from '@tensorflow/tfjs';
import { useAppStore } from '../../src/state/store.ts';
import type { BackendInfo } from '../../src/state/backendSlice.ts';
import { forgetModels, registerLoadedModel } from '../../src/runtime/models/index.ts';

export function resetStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
  const images = [101, 205, 1012].map((sourceIndex, id) => ({ id, pixels: new Uint8Array(32 * 32 * 3), label: id, sourceIndex }));
  useAppStore.getState().setGallery(images, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  useAppStore.getState().selectImage(0);
}

export function chooseBackend(chosenBy: BackendInfo['chosenBy'], name: BackendInfo['name'] = 'wasm'): void {
  useAppStore.getState().setBackendReady({ name, float32RenderTargets: true, fallbacks: [], chosenBy } as BackendInfo);
}

/** window.location and history, as much of them as the address bar's sync uses. */
export function fakeWindow(href: string): { location: { href: string; hash: string } } {
  const w = {
    location: {
      href,
      get hash() {
        return new URL(w.location.href).hash;
      },
    },
    history: { state: null, replaceState: (_s: unknown, _t: string, url: URL | string) => void (w.location.href = String(url)) },
  };
  (globalThis as unknown as { window: unknown }).window = w;
  return w;
}

/** A tiny model of the app's shape ([n,32,32,3] in [0,1] -> 10 logits), its weights fixed by `seed`. */
export function tinyCifarModel(seed: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [32, 32, 3] }),
      tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed }) }),
    ],
  });
}

/** The lab with its backend ready (CPU) and tiny models under the given picker ids, their weights fixed by seed. */
export function readyLab(seeds: Record<string, number>): void {
  forgetModels();
  resetStore();
  chooseBackend('measurement', 'cpu');
  for (const [id, seed] of Object.entries(seeds)) registerLoadedModel(id, tinyCifarModel(seed));
}

/** Waits until `ready()` holds (polling the event loop), or fails after `ms`. */
export async function until(ready: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
