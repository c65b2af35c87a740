import type { StateCreator } from 'zustand';
import type { AttackConfig, AttackKind, AttackStep, ConfigOf, PerturbationNorms } from '../attacks/types.ts';
import { ATTACK_DEFAULTS, defaultsFor } from '../attacks/defaults.ts';
import { cleanKeyOf, type Prediction } from './labSlice.ts';
import type { GallerySlice } from './gallerySlice.ts';
import type { ModelSlice } from './modelSlice.ts';

/** An attack's outcome for the current image, as plain data. */
export interface AttackOutcome {
  /** What it was computed for: image key | model id | config (as JSON) | target. */
  for: string;
  kind: AttackKind;
  /** x_adv as floats in [0,1], HWC, and x_adv - x. */
  adversarial: Float32Array;
  delta: Float32Array;
  prediction: Prediction;
  success: boolean;
  /** The class a targeted attack aimed at; null when untargeted. */
  target: number | null;
  norms: PerturbationNorms;
  steps: number;
  elapsedMs: number;
  trajectory: AttackStep[];
  /** Prediction after rounding x_adv to 8 bits, as a PNG would store it. */
  quantized: Prediction;
  quantizedSuccess: boolean;
  /** FGSM slider updates: computed with one forward pass along a cached direction. */
  live?: boolean;
}

export type AttackRun =
  | { status: 'idle' }
  | { status: 'running'; for: string; progress: number; startedAt: number }
  | { status: 'failed'; for: string; message: string };

export interface AttackSlice {
  attackKind: AttackKind;
  /** One config per kind, so switching attacks keeps what the user set. */
  configs: { [K in AttackKind]: ConfigOf<K> };
  /** null: untargeted. */
  target: number | null;
  run: AttackRun;
  outcome: AttackOutcome | null;
  setAttackKind: (kind: AttackKind) => void;
  setParam: (field: string, value: number | boolean | string) => void;
  resetParams: () => void;
  setTarget: (target: number | null) => void;
  setRun: (run: AttackRun) => void;
  setOutcome: (outcome: AttackOutcome | null) => void;
}

const initialConfigs = (): AttackSlice['configs'] => ({
  fgsm: { ...ATTACK_DEFAULTS.fgsm },
  pgd: { ...ATTACK_DEFAULTS.pgd },
  deepfool: { ...ATTACK_DEFAULTS.deepfool },
  cw: { ...ATTACK_DEFAULTS.cw },
});

/** Targeted attacks: DeepFool is untargeted by definition. */
export const SUPPORTS_TARGET: Record<AttackKind, boolean> = { fgsm: true, pgd: true, deepfool: false, cw: true };

export const createAttackSlice: StateCreator<AttackSlice, [], [], AttackSlice> = (set, get) => ({
  attackKind: 'fgsm',
  configs: initialConfigs(),
  target: null,
  run: { status: 'idle' },
  outcome: null,
  setAttackKind: (attackKind) => set({ attackKind }),
  setParam: (field, value) => {
    const kind = get().attackKind;
    const current = get().configs[kind] as AttackConfig;
    // Changing the norm changes the units of eps and the step: take that norm's defaults for them.
    const next =
      field === 'norm' && 'norm' in current && (value === 'linf' || value === 'l2') && value !== current.norm
        ? { ...current, ...pickNormFields(defaultsFor(kind, value)) }
        : { ...current, [field]: value };
    set({ configs: { ...get().configs, [kind]: next } });
  },
  resetParams: () => set({ configs: { ...get().configs, [get().attackKind]: { ...ATTACK_DEFAULTS[get().attackKind] } } }),
  setTarget: (target) => set({ target }),
  setRun: (run) => set({ run }),
  setOutcome: (outcome) => set({ outcome }),
});

function pickNormFields(c: AttackConfig): Partial<AttackConfig> {
  const out: Record<string, unknown> = {};
  for (const f of ['norm', 'eps', 'stepSize'] as const) if (f in c) out[f] = (c as unknown as Record<string, unknown>)[f];
  return out as Partial<AttackConfig>;
}

export const currentConfig = (s: AttackSlice): AttackConfig => s.configs[s.attackKind];

/** The target the current attack aims at: null when untargeted, or when the attack cannot take a target. */
export function currentTarget(s: AttackSlice): number | null {
  return SUPPORTS_TARGET[currentConfig(s).kind] ? s.target : null;
}

/** What an attack outcome is computed for: the clean key (image, model weights), the attack's settings and target. */
export function attackKeyOf(s: AttackSlice & GallerySlice & ModelSlice): string | null {
  const clean = cleanKeyOf(s);
  return clean ? `${clean}|${JSON.stringify(currentConfig(s))}|${currentTarget(s)}` : null;
}
