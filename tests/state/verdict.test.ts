import { describe, expect, it } from 'vitest';
import { isSuccess, verdictOf, verdictText } from '../../src/state/verdict.ts';

const NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

describe('verdicts', () => {
  it('untargeted: flipped, held, and already wrong (not a success)', () => {
    const flipped = verdictOf({ label: 3, cleanPred: 3, advPred: 5, target: null });
    expect(flipped).toEqual({ kind: 'flipped', now: 5 });
    expect(isSuccess(flipped)).toBe(true);
    const held = verdictOf({ label: 3, cleanPred: 3, advPred: 3, target: null });
    expect(held.kind).toBe('held');
    expect(isSuccess(held)).toBe(false);
    const wrong = verdictOf({ label: 3, cleanPred: 5, advPred: 6, target: null });
    expect(wrong).toEqual({ kind: 'already-wrong', said: 5, truth: 3 });
    expect(isSuccess(wrong)).toBe(false);
    expect(verdictText(wrong, NAMES)).toBe('Already wrong before the attack (said dog, is cat)');
  });

  it('without a true label the clean prediction is the reference', () => {
    expect(verdictOf({ label: null, cleanPred: 2, advPred: 2, target: null }).kind).toBe('held');
    expect(verdictOf({ label: null, cleanPred: 2, advPred: 4, target: null }).kind).toBe('flipped');
  });

  it('targeted: hit, missed but changed, missed, already the target', () => {
    const hit = verdictOf({ label: 3, cleanPred: 3, advPred: 9, target: 9 });
    expect(isSuccess(hit)).toBe(true);
    expect(verdictText(hit, NAMES)).toBe('Fooled into truck');
    const changed = verdictOf({ label: 3, cleanPred: 3, advPred: 6, target: 9 });
    expect(isSuccess(changed)).toBe(false);
    expect(verdictText(changed, NAMES)).toBe('Fooled into frog, not truck');
    const missed = verdictOf({ label: 3, cleanPred: 3, advPred: 3, target: 9 });
    expect(verdictText(missed, NAMES)).toBe('Not fooled: still cat (goal: truck)');
    const already = verdictOf({ label: 3, cleanPred: 9, advPred: 9, target: 9 });
    expect(already).toEqual({ kind: 'already-target', target: 9, truth: false });
    expect(isSuccess(already)).toBe(false);
    expect(verdictText(already, NAMES)).toBe('Already said truck before the attack');
  });

  it("targeted at the image's own class: nothing to attack where the model says it, made right where it did not", () => {
    const own = verdictOf({ label: 0, cleanPred: 0, advPred: 0, target: 0 });
    expect(own).toEqual({ kind: 'already-target', target: 0, truth: true });
    expect(isSuccess(own)).toBe(false);
    expect(verdictText(own, NAMES)).toBe('Already says airplane, its true class: nothing to attack (pick another goal)');
    // The user's own image (no label): a goal equal to what the model says is its class as far as anyone knows.
    expect(verdictOf({ label: null, cleanPred: 4, advPred: 4, target: 4 }).kind).toBe('already-target');
    const madeRight = verdictOf({ label: 3, cleanPred: 5, advPred: 3, target: 3 });
    expect(madeRight).toEqual({ kind: 'made-right', target: 3 });
    expect(isSuccess(madeRight)).toBe(true);
    expect(verdictText(madeRight, NAMES)).toBe('Made right: now cat, its true class');
    const notRight = verdictOf({ label: 3, cleanPred: 5, advPred: 5, target: 3 });
    expect(isSuccess(notRight)).toBe(false);
    expect(verdictText(notRight, NAMES)).toBe('Still dog: not made right (the goal was cat, its true class)');
    expect(verdictText(verdictOf({ label: 3, cleanPred: 5, advPred: 6, target: 3 }), NAMES)).toBe(
      'Now frog: not made right (the goal was cat, its true class)',
    );
  });

  it('targeted on an image the model already got wrong says so, and is no success even where it reaches the goal', () => {
    // The case: a cat the robust model calls dog, goal airplane.
    const missed = verdictOf({ label: 3, cleanPred: 5, advPred: 5, target: 0 });
    expect(missed).toEqual({ kind: 'missed', still: 5, target: 0, wasWrong: { said: 5, truth: 3 } });
    expect(verdictText(missed, NAMES)).toBe('Still dog, not airplane (the goal); it was wrong before the attack (said dog, is cat)');
    const hit = verdictOf({ label: 3, cleanPred: 5, advPred: 0, target: 0 });
    expect(isSuccess(hit)).toBe(false);
    expect(verdictText(hit, NAMES)).toBe('Now airplane, the goal, but it was wrong before the attack (said dog, is cat)');
    const changed = verdictOf({ label: 3, cleanPred: 5, advPred: 6, target: 0 });
    expect(isSuccess(changed)).toBe(false);
    expect(verdictText(changed, NAMES)).toBe('Now frog, not airplane (the goal); it was wrong before the attack (said dog, is cat)');
  });
});
