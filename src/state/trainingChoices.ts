// The training methods the page offers and the shape of its recipe (own module: the slice and the presets both need them).
import type { RecipeSettings } from '../training/catalog.ts';
import { TRAINING_METHOD_KINDS, type MethodOf, type TrainingMethodKind } from '../training/catalog.ts';

/** The methods the page offers (clean training is the library's baseline, not a choice here). */
export type TrainingMethodChoice = Exclude<TrainingMethodKind, 'clean'>;
export const TRAINING_CHOICES = TRAINING_METHOD_KINDS.filter((k): k is TrainingMethodChoice => k !== 'clean');

/** What the user sets before pressing Start, in the library's names and stored units (8/255 as 0.0314...). */
export interface TrainingSettings extends RecipeSettings {
  method: TrainingMethodChoice;
  /** One parameter set per method, so switching methods keeps what the user set. */
  methods: { [K in TrainingMethodChoice]: MethodOf<K> };
}
