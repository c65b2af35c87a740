// A lost WebGL context takes every tensor with it: drop the models and cached directions, tell the user,
// and reload on the same backend once the browser restores the context (or fall back to WASM if it does not).
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { chooseBackend } from './backend.ts';
import { errorMessage } from '../../lib/index.ts';
import type { BackendReport, BackendTenants } from './switchBackend.ts';

export function watchContextLoss(tenants: BackendTenants, report: BackendReport): void {
  const backend = tf.backend() as MathBackendWebGL;
  const canvas = backend.gpgpu?.gl?.canvas as HTMLCanvasElement | OffscreenCanvas | undefined;
  if (!canvas) return;
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault(); // lets the browser restore it
    tenants.drop();
    report.notice('The GPU context was lost (the browser reclaimed the graphics memory). Reloading the model…');
    setTimeout(async () => {
      try {
        tf.removeBackend('webgl');
        tf.registerBackend('webgl', () => new (backend.constructor as new () => MathBackendWebGL)(), 2);
        report.ready(await chooseBackend());
        report.notice('The GPU context was lost and has been recovered: the model was reloaded.');
        tenants.rebuild();
      } catch (err) {
        report.failed(errorMessage(err));
      }
    }, 500);
  });
}
