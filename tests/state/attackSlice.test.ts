import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { currentConfig, drawOf } from '../../src/state/attackSlice.ts';
import { ATTACK_DEFAULTS, defaultsFor } from '../../src/attacks/catalog.ts';
import type { AttackKind } from '../../src/attacks/types.ts';

const state = () => useAppStore.getState();
const KINDS = Object.keys(ATTACK_DEFAULTS) as AttackKind[];

describe('attackSlice', () => {
  beforeEach(resetAppStore);

  it('starts with FGSM, every attack at its defaults, untargeted and idle', () => {
    expect(state().attackKind).toBe('fgsm');
    for (const kind of KINDS) expect(state().configs[kind]).toEqual(ATTACK_DEFAULTS[kind]);
    expect(state().target).toBeNull();
    expect(state().run).toEqual({ status: 'idle' });
    expect(state().outcome).toBeNull();
  });

  it('setParam changes the selected attack only', () => {
    state().setAttackKind('pgd');
    state().setParam('steps', 40);
    expect(currentConfig(state())).toEqual({ ...ATTACK_DEFAULTS.pgd, steps: 40 });
    for (const kind of KINDS.filter((k) => k !== 'pgd')) expect(state().configs[kind]).toEqual(ATTACK_DEFAULTS[kind]);
  });

  it('switching attacks keeps what the user set for each, and one epsilon per norm', () => {
    state().setParam('eps', 4 / 255);
    state().setAttackKind('pgd');
    // The epsilon comes along (same norm); the rest is PGD's own.
    expect(currentConfig(state())).toEqual({ ...ATTACK_DEFAULTS.pgd, eps: 4 / 255 });
    state().setParam('randomStart', false);
    state().setParam('eps', 2 / 255);
    state().setAttackKind('cw');
    state().setParam('learningRate', 0.05);
    // C&W has no epsilon: nothing to carry to it, or from it (FGSM after it keeps its own).
    expect(state().configs.cw).toEqual({ ...ATTACK_DEFAULTS.cw, learningRate: 0.05 });
    state().setAttackKind('fgsm');
    expect(currentConfig(state())).toEqual({ ...ATTACK_DEFAULTS.fgsm, eps: 4 / 255 });
    state().setAttackKind('pgd');
    expect(currentConfig(state())).toEqual({ ...ATTACK_DEFAULTS.pgd, randomStart: false, eps: 4 / 255 });
  });

  it('an epsilon in another norm stays with its attack', () => {
    state().setAttackKind('pgd');
    state().setParam('norm', 'l2');
    state().setAttackKind('fgsm');
    expect(currentConfig(state())).toEqual(ATTACK_DEFAULTS.fgsm);
  });

  it("a new norm brings that norm's eps and step size (other units) and keeps the other fields", () => {
    state().setAttackKind('pgd');
    state().setParam('steps', 25);
    state().setParam('eps', 3 / 255);
    state().setParam('norm', 'l2');
    const l2 = defaultsFor('pgd', 'l2');
    expect(currentConfig(state())).toEqual({ ...ATTACK_DEFAULTS.pgd, steps: 25, norm: 'l2', eps: l2.eps, stepSize: l2.stepSize });
    state().setParam('norm', 'linf');
    expect(currentConfig(state())).toEqual({ ...ATTACK_DEFAULTS.pgd, steps: 25 });
  });

  it('choosing the norm already set keeps the epsilon the user chose', () => {
    state().setParam('eps', 5 / 255);
    state().setParam('norm', 'linf');
    expect(currentConfig(state())).toEqual({ ...ATTACK_DEFAULTS.fgsm, eps: 5 / 255 });
  });

  it('resetParams restores the selected attack only, and never shares the defaults object', () => {
    state().setParam('eps', 2 / 255);
    state().setAttackKind('pgd');
    state().setParam('steps', 3);
    state().resetParams();
    expect(state().configs.pgd).toEqual(ATTACK_DEFAULTS.pgd);
    expect(state().configs.pgd).not.toBe(ATTACK_DEFAULTS.pgd);
    expect(state().configs.fgsm).toEqual({ ...ATTACK_DEFAULTS.fgsm, eps: 2 / 255 });
    // Later edits leave the defaults alone.
    state().setParam('steps', 7);
    expect(ATTACK_DEFAULTS.pgd.steps).not.toBe(7);
  });

  it('"Run again" draws another random start; any changed setting goes back to the first draw', () => {
    state().setAttackKind('pgd');
    expect(drawOf(state())).toBe(0);
    state().nextSeed();
    expect(drawOf(state())).toBe(1);
    state().setParam('steps', 12);
    expect(state().seed).toBe(0);
    // FGSM has no random start: its draw is always 0, whatever the seed.
    state().nextSeed();
    state().setAttackKind('fgsm');
    state().nextSeed();
    expect(drawOf(state())).toBe(0);
  });

  it('keeps the target, the run and the outcome it is given', () => {
    state().setTarget(6);
    expect(state().target).toBe(6);
    state().setTarget(null);
    expect(state().target).toBeNull();
    const run = { status: 'running' as const, for: 'gallery:3|standard@0|{}|null', progress: 0.25, startedAt: 1 };
    state().setRun(run);
    expect(state().run).toEqual(run);
    state().setRun({ status: 'failed', for: run.for, message: 'out of memory' });
    expect(state().run).toEqual({ status: 'failed', for: run.for, message: 'out of memory' });
  });
});
