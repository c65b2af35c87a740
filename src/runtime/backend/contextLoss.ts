// A lost WebGL context or WebGPU device takes every tensor with it: drop the models and cached directions, tell the
// user, and reload on the same backend on a fresh context or device (or fall back from there if there is none).
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { BackendName } from '../../state/backendSlice.ts';
import { chooseBackend } from './backend.ts';
import { errorMessage } from '../../lib/index.ts';
import type { BackendReport, BackendTenants } from './switchBackend.ts';

/**
 * Marks a backend instance as watched, on the instance itself (no module state here): the watch is set wherever a
 * backend becomes the page's (start, switch, recovery), and a backend switched back to is the same instance.
 */
const WATCHED = 'epsilonWatchedForLoss';

/** A new, unstarted instance of `name` in tfjs's registry, made by the same factory, so the next start gets a fresh context or device. */
function replaceInstance(name: BackendName): void {
  const entry = (tf.engine().registryFactory as Record<string, { factory: () => tf.KernelBackend | Promise<tf.KernelBackend>; priority: number }>)[
    name
  ];
  if (!entry) return;
  tf.removeBackend(name);
  tf.registerBackend(name, entry.factory, entry.priority);
}

function recover(name: BackendName, tenants: BackendTenants, report: BackendReport, what: string): void {
  tenants.drop();
  report.notice(`The ${what} was lost (the browser reclaimed the graphics memory). Reloading the model…`);
  setTimeout(async () => {
    try {
      replaceInstance(name);
      report.ready(await chooseBackend(name));
      report.notice(`The ${what} was lost and has been recovered: the model was reloaded.`);
      tenants.rebuild();
    } catch (err) {
      report.failed(errorMessage(err));
    }
  }, 500);
}

/** Watches the page's current backend (WebGL's context, WebGPU's device) for loss; nothing to watch on WASM or CPU. */
export function watchContextLoss(tenants: BackendTenants, report: BackendReport): void {
  const name = tf.getBackend() as BackendName;
  const backend = tf.backend() as tf.KernelBackend & { [WATCHED]?: true };
  if (backend[WATCHED]) return;
  backend[WATCHED] = true;
  if (name === 'webgl') {
    const canvas = (backend as MathBackendWebGL).gpgpu?.gl?.canvas as HTMLCanvasElement | OffscreenCanvas | undefined;
    canvas?.addEventListener('webglcontextlost', (e) => {
      e.preventDefault(); // lets the browser restore it
      recover(name, tenants, report, 'GPU context');
    });
  } else if (name === 'webgpu') {
    const device = (backend as unknown as { device?: { lost: Promise<{ reason?: string; message?: string }> } }).device;
    void device?.lost.then(() => {
      // Only while it is the page's: a device given up on purpose (replaced, or the backend left) needs nothing.
      if (tf.findBackend('webgpu') === backend && tf.getBackend() === 'webgpu') recover(name, tenants, report, 'GPU device');
      else if (tf.findBackend('webgpu') === backend) replaceInstance('webgpu');
    });
  }
}
