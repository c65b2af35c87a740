// The lab's attack runner on a tiny fake model: a result is shown only for the settings it was computed for,
// Cancel and failures are told apart, and live FGSM shows the newest slider position.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cancelAttack, startAttackRunner } from '../../../src/runtime/lab/index.ts';
import { useAppStore, type AppState } from '../../../src/state/store.ts';
import { attackKeyOf } from '../../../src/state/attackSlice.ts';
import { cleanKeyOf } from '../../../src/state/labSlice.ts';
import { STANDARD_MODEL_ID } from '../../../src/model/shipped.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { readyLab, until } from '../helpers.ts';

let stop: (() => void) | null = null;
let unwatch: (() => void) | null = null;
/** Every outcome the store received, with the settings on screen when it arrived. */
let shown: { outcomeFor: string; keyNow: string | null; cleanNow: string | null }[] = [];

beforeAll(() => useBackend('cpu'));
beforeEach(() => {
  readyLab({ [STANDARD_MODEL_ID]: 5 });
  shown = [];
  unwatch = useAppStore.subscribe((s: AppState, prev: AppState) => {
    if (s.outcome && s.outcome !== prev.outcome) shown.push({ outcomeFor: s.outcome.for, keyNow: attackKeyOf(s), cleanNow: cleanKeyOf(s) });
  });
});
afterEach(() => {
  stop?.();
  unwatch?.();
  stop = unwatch = null;
  cancelAttack();
});

const pgd = (steps: number) => {
  useAppStore.getState().setAttackKind('pgd');
  useAppStore.getState().setParam('steps', steps);
};
const state = () => useAppStore.getState();
const settled = () => state().run.status === 'idle' && state().outcome?.for === attackKeyOf(state());

describe('the attack runner', () => {
  it('shows the result for the settings on screen, once they settle', async () => {
    pgd(3);
    stop = startAttackRunner();
    expect(state().outcome).toBeNull(); // it waits for the controls to settle
    await until(settled);
    expect(state().outcome!.kind).toBe('pgd');
  });

  it('never shows a result computed for settings that changed while it ran', async () => {
    pgd(200);
    stop = startAttackRunner();
    await until(() => state().run.status === 'running');
    state().selectImage(1); // a new image while the first attack runs
    await until(settled, 20_000);
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) expect(s.outcomeFor).toBe(s.keyNow);
    expect(state().selectedId).toBe(1);
  });

  it('Cancel stops the run and shows nothing for it; a failure says why', async () => {
    pgd(500);
    stop = startAttackRunner();
    await until(() => state().run.status === 'running');
    cancelAttack();
    expect(state().run).toEqual({ status: 'cancelled', for: attackKeyOf(state()) });
    await new Promise((r) => setTimeout(r, 100));
    expect(state().outcome).toBeNull();
    useAppStore.getState().addModel({ id: 'upload:gone', name: 'Gone', source: 'upload', status: 'idle' });
    state().selectModel('upload:gone');
    await until(() => state().run.status === 'failed');
    const run = state().run as { status: 'failed'; for: string; message: string };
    expect(run.for).toBe(attackKeyOf(state()));
    expect(run.message).toMatch(/uploaded model lives only in this page/);
  });

  it('live FGSM ends on the newest slider position, showing finished ones on the way', async () => {
    useAppStore.getState().setAttackKind('fgsm');
    stop = startAttackRunner();
    for (const eps of [1, 2, 3, 4, 5, 6, 7, 8]) state().setParam('eps', eps / 255);
    await until(settled);
    expect(state().outcome!.config).toMatchObject({ kind: 'fgsm', eps: 8 / 255 });
    // Each one shown was for a position of the slider (the eps it was computed at), never a stale image or model.
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) expect(s.outcomeFor.startsWith(`${s.cleanNow}|`)).toBe(true);
  });
});
