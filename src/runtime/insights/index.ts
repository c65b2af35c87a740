// src/runtime/insights: views of why attacks work, for the image on screen and the shipped models.
//   gradientView.ts    each model's input gradient, drawn (on show and on a new image)
//   landscapeView.ts   each model's decision landscape in the attack plane (on demand, in batches)
//   presets.ts         ready-made lab states (src/state/presets.ts) applied like a link
export { showGradients } from './gradientView.ts';
export { LANDSCAPE_RADIUS, LANDSCAPE_SIZE, cancelLandscape, drawLandscape } from './landscapeView.ts';
export { applyPreset } from './presets.ts';

import { cancelGradients } from './gradientView.ts';
import { cancelLandscape } from './landscapeView.ts';

/** A backend switch drops every model's tensors: work in flight stops. */
export function cancelInsights(): void {
  cancelGradients();
  cancelLandscape();
}
