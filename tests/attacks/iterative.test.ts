// The iterative shell on a toy attack whose state is a counter per image: image i finishes after limit[i]
// steps. Checks what the shell itself owns: disposal, abort, shrinking to the moving rows, step counts, rounds,
// and that nothing is read back when nobody listens.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { mergeRows } from '../../src/attacks/activeRows.ts';
import { iterate, type IterativeAttack } from '../../src/attacks/iterative.ts';
import { Progress, type StepStats } from '../../src/attacks/progress.ts';
import type { Restarts } from '../../src/attacks/restarts.ts';
import type { AttackStep } from '../../src/attacks/types.ts';
import { useBackend } from '../../node/tfBackend.ts';

beforeAll(() => useBackend('cpu'));

type Rows = { count: tf.Tensor1D; limit: tf.Tensor1D };
type Batch = { total: tf.Tensor1D };

let before = 0;
beforeEach(() => (before = tf.memory().numTensors));
afterEach(() => expect(tf.memory().numTensors).toBe(before));

/** Every statistic the same tensor, the prediction 0. */
const sameStats = (t: tf.Tensor1D): StepStats => ({ loss: t, margin: t, norm: t, prediction: tf.zerosLike(t) });

/** A toy attack: each step adds 1 to the counter of the active rows; a row is done when it reaches its limit. */
function counter(limits: number[], extra: Partial<IterativeAttack<Rows, Batch>> = {}): IterativeAttack<Rows, Batch> & { seen: number[][] } {
  const seen: number[][] = [];
  return {
    seen,
    rounds: 1,
    steps: 10,
    batch: { total: tf.zeros([limits.length]) as tf.Tensor1D },
    startRound: (_, { rows }) => ({
      rows: { count: tf.zeros([rows.length]) as tf.Tensor1D, limit: tf.tensor1d(rows.map((i) => limits[i]!)) },
    }),
    step: ({ rows: { count, limit }, batch, active, observed }) => {
      seen.push(active.active);
      const next = tf.add(count, 1) as tf.Tensor1D;
      return {
        rows: { count: next, limit },
        batch: { total: mergeRows(batch.total, next, active.back) },
        stats: observed ? { loss: count, margin: tf.neg(count) as tf.Tensor1D, norm: count, prediction: tf.zerosLike(count) } : undefined,
        done: tf.greaterEqual(next, limit) as tf.Tensor1D,
      };
    },
    ...extra,
  };
}

test('the batch shrinks to the images still moving; steps and gradient passes count the computed rows', async () => {
  const attack = counter([1, 3, 2, 3]);
  const steps: AttackStep[] = [];
  const out = await iterate(attack, 4, new Progress(4, undefined, (s) => steps.push(s)));
  expect(attack.seen).toEqual([
    [0, 1, 2, 3],
    [1, 2, 3],
    [1, 3],
  ]);
  expect(out.steps).toEqual([1, 3, 2, 3]);
  expect(out.gradientEvaluations).toBeCloseTo((4 + 3 + 2) / 4, 12);
  expect(Array.from(await out.batch.total.data())).toEqual([1, 3, 2, 3]);
  // Each image reports the state before each of its steps.
  expect(steps.filter((s) => s.image === 1).map((s) => s.loss)).toEqual([0, 1, 2]);
  expect(steps.every((s) => s.progress > 0 && s.progress <= 1)).toBe(true);
  out.batch.total.dispose();
});

test('images that never move take no step; with none moving the round still ends', async () => {
  const ends: (Rows | null)[] = [];
  const attack = counter([2, 2, 2], {
    standing: [false, false, false],
    endRound: (_, rows) => (ends.push(rows), {}),
  });
  const out = await iterate(attack, 3, new Progress(3, undefined, undefined));
  expect(attack.seen).toEqual([]);
  expect(ends).toEqual([null]);
  expect(out.steps).toEqual([0, 0, 0]);
  expect(out.gradientEvaluations).toBe(0);
  out.batch.total.dispose();
});

test('goesOn stops an image on the host from its read-back loss', async () => {
  const attack = counter([9, 9, 9], { goesOn: (i, { loss }) => !(i === 0 && loss >= 1) });
  const out = await iterate(attack, 3, null);
  expect(out.steps).toEqual([2, 9, 9]);
  out.batch.total.dispose();
});

test('rounds: each starts on every image, records its end after the steps taken, and nextRound can stop', async () => {
  const flagsSeen: boolean[][] = [];
  const steps: AttackStep[] = [];
  const attack = counter([1, 2], {
    rounds: 4,
    endRound: (_round, _rows, batch) => ({ stats: sameStats(batch.total), flags: tf.greaterEqual(batch.total, 4) as tf.Tensor1D }),
    nextRound: (_, flags) => (flagsSeen.push(flags), !flags.every(Boolean)),
  });
  const out = await iterate(attack, 2, new Progress(2, undefined, (s) => steps.push(s)));
  // Round 0: totals 1, 2; round 1: 1, 2 again (the counter restarts, the batch keeps the latest) -> never 4.
  expect(flagsSeen).toEqual([
    [false, false],
    [false, false],
    [false, false],
  ]);
  expect(out.steps).toEqual([4, 8]);
  const ends = steps.filter((s) => s.image === 1 && s.progress === (s.round + 1) / 4);
  expect(ends.map((s) => s.step)).toEqual([2, 2, 2, 2]);
  out.batch.total.dispose();
});

/**
 * A toy restarting attack: round k puts image i at values[k][i] (a point [1,1,1] per image, logits [v, 0]); the
 * lower point is better, and an image is fooled once its kept value is at most 0.
 */
function restarting(values: number[][], restarts: Partial<Restarts>) {
  const seen: number[][] = [];
  const attack: IterativeAttack<{ cur: tf.Tensor4D }, Record<string, never>> = {
    rounds: values.length,
    steps: 1,
    batch: {},
    restarts: {
      better: (a, b) => tf.less(tf.reshape(a.point, [-1]), tf.reshape(b.point, [-1])) as tf.Tensor1D,
      fooled: (logits) => tf.lessEqual(tf.squeeze(tf.slice(logits, [0, 0], [-1, 1]), [1]), 0) as tf.Tensor1D,
      ...restarts,
    },
    startRound: (round, { rows }) => (
      seen.push(rows),
      {
        rows: {
          cur: tf.tensor4d(
            rows.map((i) => values[round]![i]!),
            [rows.length, 1, 1, 1],
          ),
        },
      }
    ),
    step: ({ rows }) => ({ rows }),
    endRound: (_, rows) => ({
      offer: { point: rows!.cur, logits: tf.stack([tf.reshape(rows!.cur, [-1]), tf.zeros([rows!.cur.shape[0]])], 1) as tf.Tensor2D },
    }),
  };
  return { attack, seen };
}

test('restarts: the shell keeps the better offer per image and restarts only the images still standing', async () => {
  const initial = {
    point: tf.tensor4d([4, 0, 6], [3, 1, 1, 1]),
    logits: tf.tensor2d([
      [4, 0],
      [0.5, 0],
      [6, 0],
    ]),
  };
  const { attack, seen } = restarting(
    [
      [3, -1, 5],
      [2, 9, 4],
      [1, 1, 7],
    ],
    { initial },
  );
  const out = await iterate(attack, 3, null);
  // Image 1 is fooled after round 0 and rests; image 2's last offer (7) is worse than its kept 4.
  expect(seen).toEqual([
    [0, 1, 2],
    [0, 2],
    [0, 2],
  ]);
  expect(out.steps).toEqual([3, 1, 3]);
  expect(Array.from(await out.kept!.point.data())).toEqual([1, -1, 4]);
  tf.dispose([out.kept!.point, out.kept!.logits]);
});

test('restarts of the whole batch: every image again while any stands, none once all are fooled', async () => {
  const { attack, seen } = restarting(
    [
      [-1, 2],
      [-2, -3],
      [5, 5],
    ],
    { wholeBatch: true },
  );
  const out = await iterate(attack, 2, null);
  // Without an initial result the first round's offer is taken as it is.
  expect(seen).toEqual([
    [0, 1],
    [0, 1],
  ]);
  expect(out.steps).toEqual([2, 2]);
  expect(Array.from(await out.kept!.point.data())).toEqual([-2, -3]);
  tf.dispose([out.kept!.point, out.kept!.logits]);
});

test('nobody listening: no statistics, no pauses', async () => {
  const observed: boolean[] = [];
  const attack = counter([3, 3]);
  const step = attack.step;
  attack.step = (s) => (observed.push(s.observed), step(s));
  let timerFired = false;
  setTimeout(() => (timerFired = true), 0);
  const out = await iterate(attack, 2, null);
  expect(observed).toEqual([false, false, false]);
  expect(timerFired).toBe(false);
  out.batch.total.dispose();
});

test('an abort between steps rejects with an AbortError and leaves no tensor behind', async () => {
  const controller = new AbortController();
  const attack = counter([5, 5, 5], { rounds: 3 });
  const run = iterate(attack, 3, new Progress(3, controller.signal, () => controller.abort()));
  await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  expect(attack.seen.length).toBe(1);
});

test('a step that throws leaves no tensor behind', async () => {
  const attack = counter([5, 5]);
  const step = attack.step;
  let calls = 0;
  attack.step = (s) => {
    if (++calls === 3) throw new Error('boom');
    return step(s);
  };
  await expect(iterate(attack, 2, null)).rejects.toThrow('boom');
});
