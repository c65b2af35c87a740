// Fetches the CIFAR-10 subsets the app serves (public/data, made by `npm run data`).
import type { DataManifest, SubsetManifest } from '../data/cifar10.ts';
import { spriteRgbaToImages } from '../data/sprite.ts';
import { decodeToRgba } from './files/index.ts';

const dataUrl = (file: string) => `${import.meta.env.BASE_URL}data/${file}`;

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url} (HTTP ${res.status})`);
  return res;
}

// Module state: the manifest and the training subset are fetched once per page and shared (by the gallery,
// training and the robustness curve; a second training job reuses the 12 MB subset). Promises, so that
// simultaneous first uses share one fetch.
const fetched = new Map<string, Promise<unknown>>();

/** `load()` once per page under `key`; a failed load is forgotten, so it can be retried. */
export function fetchOnce<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = fetched.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    fetched.set(key, p);
    p.catch(() => fetched.delete(key));
  }
  return p;
}

export function loadManifest(): Promise<DataManifest> {
  return fetchOnce('manifest', () => fetchOk(dataUrl('manifest.json')).then((r) => r.json() as Promise<DataManifest>));
}

export interface LoadedSubset {
  manifest: SubsetManifest;
  /** One packed 32x32 RGB image per entry. */
  images: Uint8Array[];
}

export async function loadSubset(name: keyof DataManifest['subsets']): Promise<LoadedSubset> {
  const m = (await loadManifest()).subsets[name];
  const { width, rgba } = await decodeToRgba(await (await fetchOk(dataUrl(m.sprite))).blob());
  if (width !== 1024) throw new Error(`${m.sprite} is ${width} pixels wide; expected 1024`);
  return { manifest: m, images: spriteRgbaToImages(rgba, m.count) };
}
