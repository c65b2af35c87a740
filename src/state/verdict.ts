// What an attack did to one image, told truthfully: an image the model already got wrong is not "fooled" by the
// attack, and a targeted attack that changed the class but missed the target says so. One rule for the verdict,
// the readout's "Success", transfer and the trajectory.

export type Verdict =
  /** Untargeted: the model was right and is now wrong. */
  | { kind: 'flipped'; now: number }
  /** Untargeted: the model was right and still is. */
  | { kind: 'held'; still: number }
  /** The model was wrong before the attack: nothing to fool. */
  | { kind: 'already-wrong'; said: number; truth: number }
  /** Targeted: the model now says the target. */
  | { kind: 'hit'; target: number }
  /** Targeted: the model already said the target before the attack. */
  | { kind: 'already-target'; target: number }
  /** Targeted: the class changed, but not to the target. */
  | { kind: 'missed-changed'; now: number; target: number }
  /** Targeted: the class did not change. */
  | { kind: 'missed'; still: number; target: number };

export interface VerdictInput {
  /** The image's true class, when known (gallery images); null for the user's own images. */
  label: number | null;
  /** The model's prediction on the clean image. */
  cleanPred: number;
  /** The model's prediction on the attacked image. */
  advPred: number;
  /** The class a targeted attack aims at; null when untargeted. */
  target: number | null;
}

export function verdictOf({ label, cleanPred, advPred, target }: VerdictInput): Verdict {
  if (target !== null) {
    if (cleanPred === target) return { kind: 'already-target', target };
    if (advPred === target) return { kind: 'hit', target };
    return advPred !== cleanPred ? { kind: 'missed-changed', now: advPred, target } : { kind: 'missed', still: advPred, target };
  }
  // Without a true label the clean prediction is the reference, so the model cannot be "already wrong".
  const truth = label ?? cleanPred;
  if (cleanPred !== truth) return { kind: 'already-wrong', said: cleanPred, truth };
  return advPred !== truth ? { kind: 'flipped', now: advPred } : { kind: 'held', still: advPred };
}

/** Counts as the attack's success: it made the model change its (right) answer, or hit its target. */
export function isSuccess(v: Verdict): boolean {
  return v.kind === 'flipped' || v.kind === 'hit';
}

/** The verdict in a few words, with class names. */
export function verdictText(v: Verdict, names: readonly string[]): string {
  const name = (c: number) => names[c] ?? `class ${c}`;
  switch (v.kind) {
    case 'flipped':
      return `Fooled: now ${name(v.now)}`;
    case 'held':
      return `Not fooled: still ${name(v.still)}`;
    case 'already-wrong':
      return `Already wrong before the attack (said ${name(v.said)}, is ${name(v.truth)})`;
    case 'hit':
      return `Fooled into ${name(v.target)}`;
    case 'already-target':
      return `Already said ${name(v.target)} before the attack`;
    case 'missed-changed':
      return `Fooled into ${name(v.now)}, not ${name(v.target)}`;
    case 'missed':
      return `Not fooled: still ${name(v.still)} (goal: ${name(v.target)})`;
  }
}

/** How the verdict is coloured: the attack worked, the model held, nothing to attack, or half a success. */
export function verdictTone(v: Verdict): 'fooled' | 'held' | 'already' | 'changed' {
  switch (v.kind) {
    case 'flipped':
    case 'hit':
      return 'fooled';
    case 'held':
    case 'missed':
      return 'held';
    case 'already-wrong':
    case 'already-target':
      return 'already';
    case 'missed-changed':
      return 'changed';
  }
}
