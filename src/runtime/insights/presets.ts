// A preset is applied like a lesson step: it sets the lab's keys it names, and the image, the view and the
// viewer's own choices stay as they are.
import type { Preset } from '../../state/presets.ts';
import { useAppStore } from '../../state/store.ts';
import { LAB_SCOPE, applySharedState, sharedStateOf } from '../../state/labState.ts';

export function applyPreset(preset: Preset): void {
  const problems = applySharedState({ ...sharedStateOf(useAppStore.getState(), LAB_SCOPE), ...preset.state }, LAB_SCOPE);
  if (problems.length) throw new Error(problems.join('; '));
}
