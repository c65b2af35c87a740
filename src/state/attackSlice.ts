import type { StateCreator } from 'zustand';
import {
  ATTACK_DESCRIPTORS,
  defaultsFor,
  drawsRandomStart,
  initialConfigsIn,
  normFieldsIn,
  parameterSpec,
  SUPPORTS_TARGET,
  type AttackConfig,
  type AttackKind,
  type AttackStep,
  type ConfigOf,
  type PerturbationNorms,
} from '../attacks/catalog.ts';
import { cleanKeyOf, type Prediction } from './labSlice.ts';
import { currentImage, type GallerySlice } from './gallerySlice.ts';
import type { ModelSlice } from './modelSlice.ts';
import type { Verdict } from './verdict.ts';

/** An attack's outcome for the current image, as plain data. */
export interface AttackOutcome {
  /** What it was computed for: image key | model id | config (as JSON) | target. */
  for: string;
  kind: AttackKind;
  /** x_adv as floats in [0,1], HWC, and x_adv - x. */
  adversarial: Float32Array;
  delta: Float32Array;
  prediction: Prediction;
  /** What the attack did, told truthfully (an image the model already got wrong is not "fooled"). */
  verdict: Verdict;
  /** The verdict counts as the attack's success (isSuccess). */
  success: boolean;
  /** The class a targeted attack aimed at; null when untargeted. */
  target: number | null;
  /** The random start's draw (0: the one a link reproduces), where the attack has one. */
  seed?: number;
  norms: PerturbationNorms;
  steps: number;
  elapsedMs: number;
  trajectory: AttackStep[];
  /** Prediction after rounding x_adv to 8 bits, as a PNG would store it. */
  quantized: Prediction;
  quantizedVerdict: Verdict;
  quantizedSuccess: boolean;
  /** FGSM slider updates: computed with one forward pass along a cached direction. */
  live?: boolean;
  /** Live FGSM: the direction it was computed along (liveKeyOf); any eps along it stays worth showing. */
  liveFor?: string;
  /** The settings it was computed with. */
  config: AttackConfig;
}

export type AttackRun =
  | { status: 'idle' }
  | { status: 'running'; for: string; progress: number; startedAt: number }
  /** Stopped by the user (Cancel): nothing is computed for these settings until Run. */
  | { status: 'cancelled'; for: string | null }
  | { status: 'failed'; for: string; message: string };

export interface AttackSlice {
  attackKind: AttackKind;
  /** One config per kind, so switching attacks keeps what the user set. */
  configs: { [K in AttackKind]: ConfigOf<K> };
  /** null: untargeted. */
  target: number | null;
  /** The draw of a random start: 0 for a link or a changed setting (reproducible), one more for each "Run again". */
  seed: number;
  run: AttackRun;
  outcome: AttackOutcome | null;
  /** Attack through a defence's straight-through gradient (BPDA), where the model has a defence. */
  bpda: boolean;
  setAttackKind: (kind: AttackKind) => void;
  setParam: (field: string, value: number | boolean | string) => void;
  resetParams: () => void;
  setTarget: (target: number | null) => void;
  setBpda: (bpda: boolean) => void;
  nextSeed: () => void;
  setRun: (run: AttackRun) => void;
  setOutcome: (outcome: AttackOutcome | null) => void;
}

/** The attack the page opens on, and the one a link's parameters apply to when it names none. */
export const DEFAULT_ATTACK: AttackKind = 'fgsm';

/** Every attack of the table at its defaults (the table has one descriptor per AttackKind). */
export const initialConfigs = () => initialConfigsIn(ATTACK_DESCRIPTORS) as unknown as AttackSlice['configs'];

/** Whether each attack takes a target, from its descriptor. */
export { SUPPORTS_TARGET };

export const createAttackSlice: StateCreator<AttackSlice, [], [], AttackSlice> = (set, get) => ({
  attackKind: DEFAULT_ATTACK,
  configs: initialConfigs(),
  target: null,
  seed: 0,
  run: { status: 'idle' },
  outcome: null,
  bpda: false,
  setAttackKind: (attackKind) => {
    const { configs, attackKind: from } = get();
    const eps = sharedEps(configs[from], configs[attackKind]);
    set({ attackKind, seed: 0, ...(eps !== null && { configs: { ...configs, [attackKind]: { ...configs[attackKind], eps } } }) });
  },
  setParam: (field, value) => {
    const kind = get().attackKind;
    const current = get().configs[kind] as AttackConfig;
    // Changing the norm changes the units of eps and the step: take that norm's defaults for them.
    const next =
      field === 'norm' && 'norm' in current && (value === 'linf' || value === 'l2') && value !== current.norm
        ? { ...current, ...pick(defaultsFor(kind, value), normFieldsIn(ATTACK_DESCRIPTORS, kind)) }
        : { ...current, [field]: value };
    set({ configs: { ...get().configs, [kind]: next }, seed: 0 });
  },
  resetParams: () => set({ configs: { ...get().configs, [get().attackKind]: defaultsFor(get().attackKind) } }),
  setTarget: (target) => set({ target, seed: 0 }),
  setBpda: (bpda) => set({ bpda, seed: 0 }),
  nextSeed: () => set({ seed: get().seed + 1 }),
  setRun: (run) => set({ run }),
  setOutcome: (outcome) => set({ outcome }),
});

/**
 * One epsilon per norm across attacks: the one switched to takes the current attack's epsilon where both have one in
 * the same norm and it lies in the new control's range (a step that compares FGSM with PGD at 2/255 stays at 2/255).
 */
function sharedEps(from: AttackConfig, to: AttackConfig): number | null {
  if (!('eps' in from) || !('eps' in to) || !('norm' in from) || !('norm' in to) || from.norm !== to.norm) return null;
  const spec = parameterSpec(to.kind, 'eps', to.norm);
  return spec?.type === 'number' && from.eps >= spec.min && from.eps <= spec.max ? from.eps : null;
}

function pick(c: AttackConfig, fields: string[]): Partial<AttackConfig> {
  return Object.fromEntries(fields.filter((f) => f in c).map((f) => [f, (c as unknown as Record<string, unknown>)[f]])) as Partial<AttackConfig>;
}

export const currentConfig = (s: AttackSlice): AttackConfig => s.configs[s.attackKind];

/** The target the current attack aims at: null when untargeted, or when the attack cannot take a target. */
export function currentTarget(s: AttackSlice): number | null {
  return SUPPORTS_TARGET[currentConfig(s).kind] ? s.target : null;
}

/** Whether the current attack starts from a random point (its draw then matters). */
export const hasRandomStart = (s: AttackSlice): boolean => drawsRandomStart(currentConfig(s));

/** The random start's draw the current attack uses: the seed where it has a random start, else 0. */
export const drawOf = (s: AttackSlice): number => (hasRandomStart(s) ? s.seed : 0);

/** What an attack outcome is computed for: the clean key (image, model weights), the attack's settings and target. */
export function attackKeyOf(s: AttackSlice & GallerySlice & ModelSlice): string | null {
  const clean = cleanKeyOf(s);
  return clean ? `${clean}|${JSON.stringify(currentConfig(s))}|${currentTarget(s)}|${drawOf(s)}${currentBpda(s) ? '|bpda' : ''}` : null;
}

/** Whether the model on screen has a defence BPDA can attack through (a gradient-free attack needs none). */
export function bpdaApplies(s: AttackSlice & ModelSlice): boolean {
  return ATTACK_DESCRIPTORS[s.attackKind].counts !== 'queries' && s.models.some((m) => m.id === s.selectedModelId && m.defence !== undefined);
}

/** The attack runs through the straight-through gradient: asked for, and it applies. */
export const currentBpda = (s: AttackSlice & ModelSlice): boolean => s.bpda && bpdaApplies(s);

/** Whether the outcome was computed on the image on screen (by any model, settings or target): attackKeyOf starts with it. */
export function outcomeOnImageShown(s: AttackSlice & GallerySlice & ModelSlice): boolean {
  const img = currentImage(s);
  return s.outcome !== null && img !== null && s.outcome.for.startsWith(`${img.key}|`);
}

/**
 * What a live FGSM outcome stays valid for while the slider moves: the image, the model, the norm and the target,
 * but not eps. Null for the other attacks.
 */
export function liveKeyOf(s: AttackSlice & GallerySlice & ModelSlice): string | null {
  const clean = cleanKeyOf(s);
  const config = currentConfig(s);
  return clean && config.kind === 'fgsm' ? `${clean}|fgsm|${config.norm}|${currentTarget(s)}${currentBpda(s) ? '|bpda' : ''}` : null;
}
