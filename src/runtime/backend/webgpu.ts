// tfjs's WebGPU backend, loaded only where a WebGPU adapter is there to time or a link asks for it: the package is a
// chunk of its own, so the lab's first load does not grow for browsers that never use it.

/**
 * Registers tfjs's 'webgpu' backend (the module loader fetches it once); false where this context has no
 * navigator.gpu or the chunk fails to load (offline before it was saved, say).
 */
export async function loadWebgpu(): Promise<boolean> {
  if (!(globalThis.navigator as { gpu?: unknown } | undefined)?.gpu) return false;
  try {
    await import('@tensorflow/tfjs-backend-webgpu');
    return true;
  } catch {
    return false;
  }
}
