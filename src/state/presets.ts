// Ready-made lab states a teacher applies with one button: plain data, applied through the same path as a link
// and a lesson step (src/state/labState.ts applySharedState, the lab's keys only), keeping the image and view on screen.
import type { PgdConfig } from '../attacks/catalog.ts';
import { CLASS_NAMES } from '../data/cifar10.ts';
import type { SharedState } from './urlKeys.ts';
import { ROBUST_MODEL_ID } from '../model/shipped.ts';

export interface Preset {
  id: string;
  /** The button's text. */
  label: string;
  /** One sentence on what to look for once it has run. */
  lookFor: string;
  /** The lab state it sets; the image and the view stay as they are. */
  state: Required<Pick<SharedState, 'model' | 'attack' | 'config' | 'target'>>;
}

const HORSE = CLASS_NAMES.indexOf('horse');

/**
 * A large L2 budget on the adversarially trained model: its gradients are perceptually aligned, so a targeted
 * attack has to paint features of the target class (Santurkar et al. 2019, "Image Synthesis with a Single
 * (Robust) Classifier"). eps 8 in L2, the slider's largest (about 0.14 per pixel channel, sixteen times the default):
 * at 3 the shipped robust model's strokes were too faint to point at on a projector; at 8 they show in the
 * adversarial image itself (looked at on image 1214, the shipped lesson's dog).
 */
const CLASS_FEATURES: PgdConfig = { kind: 'pgd', norm: 'l2', eps: 8, steps: 100, stepSize: 0.2, randomStart: false, restarts: 1 };

export const PRESETS = [
  {
    id: 'class-features',
    label: 'Class features: make it a horse',
    lookFor:
      'Look at the perturbation and the adversarial image: to make the robust model say horse, ' +
      'the change is strokes and outlines drawn over the picture, not speckled noise; switch to the standard model to compare.',
    state: { model: ROBUST_MODEL_ID, attack: 'pgd', config: CLASS_FEATURES, target: HORSE },
  },
] as const satisfies readonly Preset[];

export type PresetId = (typeof PRESETS)[number]['id'];
