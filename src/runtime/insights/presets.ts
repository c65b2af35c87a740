// A preset is applied like a link that keeps the image, the model list's state and the view on screen.
import type { Preset } from '../../state/presets.ts';
import { applySharedState, sharedStateNow } from '../share.ts';

export function applyPreset(preset: Preset): void {
  const problems = applySharedState({ ...sharedStateNow(), ...preset.state });
  if (problems.length) throw new Error(problems.join('; '));
}
