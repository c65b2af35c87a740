// Every async flow of the lab runs on a job: when flow A is overtaken by flow B before A's result is in, the store
// shows B's result only, also when A's work ends last. Model loading is held at a gate, so the test decides which
// run's work goes on first.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseUserImage, startAttackRunner, startLabController, measureTransfer, cancelAttack } from '../../../src/runtime/lab/index.ts';
import { useAppStore, type AppState } from '../../../src/state/store.ts';
import { cleanKeyOf } from '../../../src/state/labSlice.ts';
import type { AttackOutcome } from '../../../src/state/attackSlice.ts';
import { DEFENDED_MODEL_ID, ROBUST_MODEL_ID, STANDARD_MODEL_ID } from '../../../src/model/shipped.ts';
import { useBackend } from '../../../node/tfBackend.ts';
import { readyLab, until } from '../helpers.ts';

/** getModel waits here while `hold` is set: each call parks its release in `waiting`, in the order of the calls. */
const gate = vi.hoisted(() => ({ hold: false, waiting: [] as (() => void)[] }));
vi.mock('../../../src/runtime/models/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/runtime/models/index.ts')>();
  return {
    ...real,
    getModel: async (id: string) => {
      if (gate.hold) await new Promise<void>((r) => gate.waiting.push(r));
      return real.getModel(id);
    },
  };
});

/** Lets every call go from now on, the parked ones in the order given (indexes into `waiting`). */
function open(...order: number[]): void {
  gate.hold = false;
  for (const i of order) gate.waiting[i]!();
}

const state = () => useAppStore.getState();
/** Every value a store field received, in order. */
function record<T>(pick: (s: AppState) => T): T[] {
  const seen: T[] = [];
  unwatch.push(useAppStore.subscribe((s, prev) => void (pick(s) !== pick(prev) && seen.push(pick(s)))));
  return seen;
}

let unwatch: (() => void)[] = [];
beforeAll(() => useBackend('cpu'));
beforeEach(() => {
  readyLab({ [STANDARD_MODEL_ID]: 5, [ROBUST_MODEL_ID]: 6, [DEFENDED_MODEL_ID]: 7 });
  gate.hold = true;
  gate.waiting = [];
});
afterEach(() => {
  for (const u of unwatch) u();
  unwatch = [];
  open();
  for (const release of gate.waiting) release();
  cancelAttack();
});

describe('the clean prediction', () => {
  it.each([
    ['B resolves first', [1, 0]],
    ['A resolves last', [0, 1]],
  ])('shows the newest image and model only (%s)', async (_order, order) => {
    const shown = record((s) => s.clean);
    unwatch.push(startLabController());
    const keyA = cleanKeyOf(state());
    state().selectModel(ROBUST_MODEL_ID);
    const keyB = cleanKeyOf(state());
    await until(() => gate.waiting.length === 2);
    open(...order);
    await until(() => state().clean?.for === keyB);
    await new Promise((r) => setTimeout(r, 50)); // room for a stale write to land
    expect(keyA).not.toBe(keyB);
    expect(shown.map((c) => c?.for)).toEqual([keyB]);
    expect(state().clean).toHaveProperty('prediction');
  });
});

describe('live FGSM', () => {
  it('a new image waits for the prediction in flight, whose result is never shown', async () => {
    const shown = record((s) => s.outcome);
    unwatch.push(startAttackRunner());
    await until(() => gate.waiting.length === 1);
    state().selectImage(1);
    const keyB = cleanKeyOf(state())!;
    await new Promise((r) => setTimeout(r, 20));
    expect(gate.waiting).toHaveLength(1); // B queues behind A: one prediction at a time
    open(0);
    await until(() => state().outcome !== null);
    await new Promise((r) => setTimeout(r, 50));
    expect(shown.map((o) => o!.for.startsWith(`${keyB}|`))).toEqual([true]);
    expect(state().run.status).toBe('idle');
  });
});

describe('transfer ("Test on all models")', () => {
  /** An outcome for the image on screen, as the attack runner leaves it (only what transfer reads is filled in). */
  const outcomeFor = (key: string, shade: number) =>
    ({ for: key, adversarial: new Float32Array(32 * 32 * 3).fill(shade), target: null }) as unknown as AttackOutcome;

  it.each([
    ['B resolves first', [1, 0]],
    ['A resolves last', [0, 1]],
  ])('shows the rows of the newest outcome only (%s)', async (_order, order) => {
    const shown = record((s) => s.transfer);
    state().setOutcome(outcomeFor('A', 0.2));
    const a = measureTransfer();
    state().setOutcome(outcomeFor('B', 0.8));
    const b = measureTransfer();
    await until(() => gate.waiting.length === 2);
    open(...order);
    await Promise.all([a, b]);
    expect(shown.map((t) => t?.for)).toEqual(['B']);
    expect(state().transfer).toMatchObject({
      for: 'B',
      rows: [{ modelId: STANDARD_MODEL_ID }, { modelId: ROBUST_MODEL_ID }, { modelId: DEFENDED_MODEL_ID }],
    });
  });
});

describe("a user's image", () => {
  /** Decoding in Node: createImageBitmap and a 2D canvas, each file's decode held until the test lets it go. */
  const decodes = new Map<Blob, { go: () => void; fail: () => void; done: Promise<void> }>();
  const shadeOf = new Map<object, number>();
  function decodeOf(blob: Blob) {
    if (!decodes.has(blob)) {
      let go = () => {},
        fail = () => {};
      const done = new Promise<void>((resolve, reject) => ((go = resolve), (fail = () => reject(new Error('damaged')))));
      decodes.set(blob, { go, fail, done });
    }
    return decodes.get(blob)!;
  }
  beforeEach(() => {
    decodes.clear();
    vi.stubGlobal('createImageBitmap', async (blob: Blob, ...rest: unknown[]) => {
      await decodeOf(blob).done;
      const side = rest.length > 1 ? (rest[4] as { resizeWidth: number }).resizeWidth : 64;
      const bitmap = { width: side, height: side, close: () => {} };
      shadeOf.set(bitmap, blob.size);
      return bitmap;
    });
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(
          readonly width: number,
          readonly height: number,
        ) {}
        getContext() {
          let shade = 0;
          return {
            drawImage: (bitmap: object) => void (shade = shadeOf.get(bitmap)!),
            getImageData: () => ({ data: new Uint8ClampedArray(this.width * this.height * 4).map((_, i) => (i % 4 === 3 ? 255 : shade)) }),
          };
        }
      },
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  // The file's size is its grey level: the image shown says which file it came from.
  const file = (name: string, shade: number) => new File([new Uint8Array(shade)], name, { type: 'image/png' });

  it.each([
    ['B resolves first', ['b', 'a']],
    ['A resolves last', ['a', 'b']],
  ])('shows the newest file only (%s)', async (_order, order) => {
    const shown = record((s) => s.upload);
    const [a, b] = [file('a.png', 40), file('b.png', 200)];
    const runs = [chooseUserImage(a), chooseUserImage(b)];
    for (const which of order) decodeOf(which === 'a' ? a : b).go();
    await Promise.all(runs);
    expect(shown.map((u) => u?.name)).toEqual(['b.png']);
    expect(state().upload!.pixels.every((p) => p === 200)).toBe(true);
  });

  it("an older file's problem is not shown once a newer file was chosen", async () => {
    const [a, b] = [file('a.png', 40), file('b.png', 200)];
    const [older, newer] = [chooseUserImage(a), chooseUserImage(b)];
    decodeOf(b).go();
    await newer;
    decodeOf(a).fail();
    await older;
    expect(state().uploadError).toBeNull();
    expect(state().upload?.name).toBe('b.png');
    // A problem with the newest file is shown, and the image stays.
    const c = file('c.png', 90);
    const run = chooseUserImage(c);
    decodeOf(c).fail();
    await run;
    expect(state().uploadError).toMatch(/c\.png could not be decoded/);
    expect(state().upload?.name).toBe('b.png');
  });
});
