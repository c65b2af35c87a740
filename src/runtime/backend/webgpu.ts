// tfjs's WebGPU backend, loaded only where a WebGPU adapter is there to time or a link asks for it: the package is a
// chunk of its own, so the lab's first load does not grow for browsers that never use it.

let loading: Promise<boolean> | null = null;

/** Registers tfjs's 'webgpu' backend once; false where this context has no navigator.gpu or the chunk fails to load. */
export function loadWebgpu(): Promise<boolean> {
  if (!(globalThis.navigator as { gpu?: unknown } | undefined)?.gpu) return Promise.resolve(false);
  loading ??= import('@tensorflow/tfjs-backend-webgpu').then(
    () => true,
    () => {
      loading = null; // a failed fetch (offline, say) may succeed later
      return false;
    },
  );
  return loading;
}
