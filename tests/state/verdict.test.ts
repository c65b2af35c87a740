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
    expect(already.kind).toBe('already-target');
    expect(isSuccess(already)).toBe(false);
  });
});
