// The shipped models that are another's weights behind a defence, by picker id: how to wrap the base model's
// function, and its straight-through twin (BPDA: the same forward pass with the non-differentiable step's gradient
// taken as the identity's) that the lab offers to attack through.
import type { ModelFn } from '../attacks/index.ts';
import { quantisedInput } from './quantisedInput.ts';
import { DEFENDED_MODEL_ID } from './shipped.ts';

export interface DefendedFns {
  /** What the page classifies and attacks by default. */
  modelFn: ModelFn;
  /** Same logits, gradients through the defence as if it were the identity. */
  straightThroughFn: ModelFn;
}

const DEFENCES: Readonly<Record<string, (base: ModelFn) => DefendedFns>> = {
  [DEFENDED_MODEL_ID]: (base) => ({ modelFn: quantisedInput(base), straightThroughFn: quantisedInput(base, { straightThrough: true }) }),
};

/** The defended functions of a shipped model, or null when it has no defence. */
export function defendedFns(id: string, base: ModelFn): DefendedFns | null {
  return Object.hasOwn(DEFENCES, id) ? DEFENCES[id]!(base) : null;
}
