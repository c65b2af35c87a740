// What an attack did to one image, told truthfully: an image the model already got wrong is not "fooled" by the
// attack (targeted or not), a targeted attack that changed the class but missed the target says so, and a goal
// that is the image's own class asks for the model to be made right. One rule for the verdict, the readout's
// "Success", transfer and the trajectory.

export type Verdict =
  /** Untargeted: the model was right and is now wrong. */
  | { kind: 'flipped'; now: number }
  /** Untargeted: the model was right and still is. */
  | { kind: 'held'; still: number }
  /** The model was wrong before the attack: nothing to fool. */
  | { kind: 'already-wrong'; said: number; truth: number }
  /** Targeted: the model now says the target. */
  | { kind: 'hit'; target: number; wasWrong?: WasWrong }
  /** Targeted: the model already said the target before the attack (`truth`: the target is the image's class). */
  | { kind: 'already-target'; target: number; truth: boolean }
  /** Targeted at the image's own class, which the model got wrong: it now says it. */
  | { kind: 'made-right'; target: number }
  /** Targeted: the class changed, but not to the target. */
  | { kind: 'missed-changed'; now: number; target: number; wasWrong?: WasWrong }
  /** Targeted: the class did not change. */
  | { kind: 'missed'; still: number; target: number; wasWrong?: WasWrong };

/** A targeted attack on an image the model got wrong before it: what it said, and what the image is. */
export interface WasWrong {
  said: number;
  truth: number;
}

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
    if (cleanPred === target) return { kind: 'already-target', target, truth: label === target };
    if (label === target && advPred === target) return { kind: 'made-right', target };
    const wrong = label !== null && cleanPred !== label ? { wasWrong: { said: cleanPred, truth: label } } : {};
    if (advPred === target) return { kind: 'hit', target, ...wrong };
    return advPred !== cleanPred ? { kind: 'missed-changed', now: advPred, target, ...wrong } : { kind: 'missed', still: advPred, target, ...wrong };
  }
  // Without a true label the clean prediction is the reference, so the model cannot be "already wrong".
  const truth = label ?? cleanPred;
  if (cleanPred !== truth) return { kind: 'already-wrong', said: cleanPred, truth };
  return advPred !== truth ? { kind: 'flipped', now: advPred } : { kind: 'held', still: advPred };
}

/**
 * Counts as the attack's success: it made the model change its (right) answer, hit its target on an image the
 * model got right, or made the model right where that was the goal.
 */
export function isSuccess(v: Verdict): boolean {
  return v.kind === 'flipped' || v.kind === 'made-right' || (v.kind === 'hit' && !v.wasWrong);
}

/** The verdict in a few words, with class names. */
export function verdictText(v: Verdict, names: readonly string[]): string {
  const name = (c: number) => names[c] ?? `class ${c}`;
  const before = (w: WasWrong) => `it was wrong before the attack (said ${name(w.said)}, is ${name(w.truth)})`;
  switch (v.kind) {
    case 'flipped':
      return `Fooled: now ${name(v.now)}`;
    case 'held':
      return `Not fooled: still ${name(v.still)}`;
    case 'already-wrong':
      return `Already wrong before the attack (said ${name(v.said)}, is ${name(v.truth)})`;
    case 'hit':
      return v.wasWrong ? `Now ${name(v.target)}, the goal, but ${before(v.wasWrong)}` : `Fooled into ${name(v.target)}`;
    case 'already-target':
      return v.truth
        ? `Already says ${name(v.target)}, its true class: nothing to attack (pick another goal)`
        : `Already said ${name(v.target)} before the attack`;
    case 'made-right':
      return `Made right: now ${name(v.target)}, its true class`;
    case 'missed-changed':
    case 'missed': {
      const now = name(v.kind === 'missed' ? v.still : v.now);
      if (v.wasWrong?.truth === v.target)
        return `${v.kind === 'missed' ? 'Still' : 'Now'} ${now}: not made right (the goal was ${name(v.target)}, its true class)`;
      if (v.wasWrong) return `${v.kind === 'missed' ? 'Still' : 'Now'} ${now}, not ${name(v.target)} (the goal); ${before(v.wasWrong)}`;
      return v.kind === 'missed' ? `Not fooled: still ${now} (goal: ${name(v.target)})` : `Fooled into ${now}, not ${name(v.target)}`;
    }
  }
}

/** How the verdict is coloured: the attack worked, the model held, nothing to attack, or half a success. */
export function verdictTone(v: Verdict): 'fooled' | 'held' | 'already' | 'changed' {
  switch (v.kind) {
    case 'flipped':
    case 'made-right':
      return 'fooled';
    case 'hit':
      return v.wasWrong ? 'already' : 'fooled';
    case 'held':
    case 'missed':
      return v.kind === 'missed' && v.wasWrong ? 'already' : 'held';
    case 'already-wrong':
    case 'already-target':
      return 'already';
    case 'missed-changed':
      return v.wasWrong ? 'already' : 'changed';
  }
}
