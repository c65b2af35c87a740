// Every attack's descriptor, by kind: the one list of attacks. The mapped type makes a kind without a
// descriptor (or a descriptor of the wrong config) a type error; ATTACKS (registry.ts) adds the code to run.
import type { AttackDescriptor } from '../descriptor.ts';
import type { AttackKind, ConfigOf } from '../catalogTypes.ts';
import { APGD } from './apgd.ts';
import { CARLINI_WAGNER } from './carliniWagner.ts';
import { DEEPFOOL } from './deepfool.ts';
import { FGSM } from './fgsm.ts';
import { PGD } from './pgd.ts';
import { SQUARE } from './square.ts';

export type AttackDescriptors = { readonly [K in AttackKind]: AttackDescriptor<ConfigOf<K>> };

export const ATTACK_DESCRIPTORS = Object.freeze({
  fgsm: FGSM,
  pgd: PGD,
  apgd: APGD,
  square: SQUARE,
  deepfool: DEEPFOOL,
  cw: CARLINI_WAGNER,
} satisfies AttackDescriptors);

/** The kinds in the picker's order. */
export const ATTACK_KINDS: readonly AttackKind[] = Object.freeze(Object.keys(ATTACK_DESCRIPTORS) as AttackKind[]);
