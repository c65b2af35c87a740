// What this context offers besides WASM: a WebGL renderer and a WebGPU adapter, each by the name the browser gives
// (WebKit masks its renderer as "Apple GPU" on every machine: a name can say "software", never "fast"). Works in the
// page and in a worker (WebGL there through OffscreenCanvas).

/** The GPU candidates found, by name; null where there is none. */
export interface GpuCandidates {
  webgl: string | null;
  webgpu: string | null;
}

type WebglContext = WebGLRenderingContext | WebGL2RenderingContext;

function webglContext(): WebglContext | null {
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebglContext | null;
  }
  // A worker: WebGL only where OffscreenCanvas gives a context (tfjs-backend-webgl creates its own the same way).
  if (typeof OffscreenCanvas === 'undefined') return null;
  return new OffscreenCanvas(1, 1).getContext('webgl2') as WebglContext | null;
}

/** The WebGL renderer's name (unmasked when the browser allows), or null without WebGL. */
export function webglRenderer(): string | null {
  try {
    const gl = webglContext();
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}
interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info?: AdapterInfo; isFallbackAdapter?: boolean } | null>;
}

/** The WebGPU adapter tfjs would get, named from its info ("google swiftshader"), or null where there is none. */
export async function webgpuAdapter(): Promise<string | null> {
  const gpu = (globalThis.navigator as { gpu?: Gpu } | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ').trim();
    // A fallback adapter is a software one by definition.
    return `${name || 'unnamed adapter'}${adapter.isFallbackAdapter ? ' (software fallback adapter)' : ''}`;
  } catch {
    return null;
  }
}

export async function gpuCandidates(): Promise<GpuCandidates> {
  return { webgl: webglRenderer(), webgpu: await webgpuAdapter() };
}
