// The loop every iterative attack shares (in the spirit of foolbox's gradient-descent base class): rounds (PGD
// restarts, C&W binary-search steps) of steps on the rows of the images still moving (activeRows.ts). The shell
// holds the tensors between steps and disposes what a step replaced, reads back each step's statistics for the
// trajectory, pauses (and honours an abort) between steps, and counts steps and gradient passes per image. An
// attack supplies its round start, its step, and optionally its round end.
import * as tf from '@tensorflow/tfjs';
import { activeRows, gatherRows, type ActiveRows } from './activeRows.ts';
import type { Progress } from './progress.ts';

/** Named tensors (a type alias, not an interface, so that tf.tidy accepts it). Undefined: not there yet. */
export type Tensors = { [name: string]: tf.Tensor | undefined };

export type StepInput<R, B> = {
  /** The round's state, one row per computed row (active.rows). */
  rows: R;
  /** The tensors kept across rounds, one row per image. */
  batch: B;
  round: number;
  /** Steps taken in this round before this one. */
  t: number;
  active: ActiveRows;
  /** Whether anyone reads the statistics: when false, a step may omit them. */
  observed: boolean;
};

export type StepOutput<R, B> = {
  rows: R;
  batch?: B;
  /** stepStats (progress.ts) of the point the step started from, one row per computed row. */
  stats?: tf.Tensor2D;
  /** Per computed row: the image is finished and leaves the computation. */
  done?: tf.Tensor1D;
};

export type RoundEnd<B> = {
  batch?: B;
  /** stepStats of every image at the end of the round. */
  stats?: tf.Tensor2D;
  /** Per image; read only when another round may follow, and handed to nextRound. */
  flags?: tf.Tensor1D;
};

export interface IterativeAttack<R extends Tensors, B extends Tensors> {
  rounds: number;
  /** Steps per round (at most: images may finish early). */
  steps: number;
  /** The tensors kept across rounds (the result so far); from here on the shell owns them. */
  batch: B;
  /** Images that take steps (default: all). */
  moving?: boolean[];
  /** Gradient passes per computed row and step (DeepFool: one per candidate class); default 1. */
  passesPerRow?: number;
  /** The round's state for the images behind `rows` (batch indices); may replace batch tensors. In tf.tidy. */
  startRound(round: number, rows: number[], batch: B): { rows: R; batch?: B };
  /** One update of the active rows. In tf.tidy; never put a caller's tensor in the state (the shell disposes it). */
  step(s: StepInput<R, B>): StepOutput<R, B>;
  /** On the host, after a step's statistics are read: false stops image i for the rest of the round. */
  goesOn?(image: number, loss: number, t: number): boolean;
  /** The end of a round; `rows` is null when no image moved. In tf.tidy. */
  endRound?(round: number, rows: R | null, batch: B): RoundEnd<B>;
  /** On the host, between rounds, with endRound's flags: false ends the attack. */
  nextRound?(round: number, flags: boolean[]): boolean;
}

export interface Iterated<B> {
  /** The final tensors kept across rounds, now the caller's. */
  batch: B;
  /** Steps each image took, over all rounds. */
  steps: number[];
  /** Gradient passes in units of one pass over the whole batch. */
  gradientEvaluations: number;
}

/** Disposes the tensors of `old` that none of `kept` holds. */
function release(old: (Tensors | null)[], kept: (Tensors | null)[]): void {
  const held = new Set(kept.flatMap((k) => (k ? Object.values(k) : [])));
  for (const o of old) for (const t of o ? Object.values(o) : []) if (t && !held.has(t)) t.dispose();
}

/**
 * Runs an iterative attack on a batch of n images. `progress` null: nobody listens (adversarial training), so no
 * statistics are read back and the loop does not pause. Rejects with an AbortError from progress.pause(),
 * leaving no tensor behind.
 */
export async function iterate<R extends Tensors, B extends Tensors>(
  attack: IterativeAttack<R, B>, n: number, progress: Progress | null,
): Promise<Iterated<B>> {
  const observed = progress !== null || attack.goesOn !== undefined;
  const passes = attack.passesPerRow ?? 1;
  const stepsUsed = new Array<number>(n).fill(0);
  let gradientEvaluations = 0;
  let batch: B = attack.batch;
  let rows: R | null = null;
  /** Reads (when wanted) a tensor a step or round end handed over, then disposes it unless the state holds it. */
  const consume = async (t: tf.Tensor | undefined, wanted: boolean) => {
    try {
      return wanted && t ? ((await t.data()) as Float32Array) : undefined;
    } finally {
      release([{ t }], [rows, batch]);
    }
  };
  const replace = (next: { rows?: R | null; batch?: B }) => {
    const nextRows = next.rows === undefined ? rows : next.rows;
    const nextBatch = next.batch ?? batch;
    release([rows, batch], [nextRows, nextBatch]);
    rows = nextRows;
    batch = nextBatch;
  };
  try {
    for (let round = 0; round < attack.rounds; round++) {
      const moving = attack.moving ?? new Array<boolean>(n).fill(true);
      let active: ActiveRows | null = moving.some(Boolean) ? activeRows(moving) : null;
      const taken = new Array<number>(n).fill(0);
      if (active) {
        const at = active.rows, b = batch;
        replace(tf.tidy(() => attack.startRound(round, at, b)));
      }
      for (let t = 0; t < attack.steps && active; t++) {
        const input: StepInput<R, B> = { rows: rows!, batch, round, t, active, observed };
        const out = tf.tidy(() => attack.step(input));
        replace(out);
        gradientEvaluations += (passes * active.rows.length) / n;
        for (const i of active.active) taken[i]!++;
        const [stats, done] = await Promise.all([consume(out.stats, observed), consume(out.done, true)]);
        const images = active.active;
        if (stats && progress) {
          progress.record(stats, images, { round, step: t, progress: (round * attack.steps + t + 1) / (attack.rounds * attack.steps) });
        }
        const goesOn = images.map((i, r) => !done?.[r] && (!attack.goesOn || attack.goesOn(i, stats![4 * r]!, t)));
        if (progress) await progress.pause();
        if (goesOn.every(Boolean) || t === attack.steps - 1) continue;
        if (!goesOn.some(Boolean)) break;
        active = narrow(active, goesOn, n);
      }
      const end = attack.endRound ? tf.tidy(() => attack.endRound!(round, rows, batch)) : {};
      replace({ batch: end.batch });
      const endStats = await consume(end.stats, progress !== null);
      if (endStats) {
        progress!.record(endStats, Array.from({ length: n }, (_, i) => i), { round, step: (i) => taken[i]!, progress: (round + 1) / attack.rounds });
      }
      for (let i = 0; i < n; i++) stepsUsed[i]! += taken[i]!;
      const last = round === attack.rounds - 1;
      const flags = await consume(end.flags, !last && attack.nextRound !== undefined);
      replace({ rows: null });
      if (last || (flags && !attack.nextRound!(round, Array.from(flags, (v) => v !== 0)))) break;
      if (progress) await progress.pause();
    }
    const out: Iterated<B> = { batch, steps: stepsUsed, gradientEvaluations };
    batch = {} as B;
    return out;
  } finally {
    release([rows, batch], []);
  }

  /** The state on the rows of the images that go on (each keeps its own row). */
  function narrow(from: ActiveRows, goesOn: boolean[], count: number): ActiveRows {
    const isActive = new Array<boolean>(count).fill(false);
    from.active.forEach((i, r) => (isActive[i] = goesOn[r]!));
    const to = activeRows(isActive);
    const rowOf = new Map(from.active.map((i, r) => [i, r]));
    const pick = to.rows.map((i) => rowOf.get(i)!);
    const current = rows!;
    replace({ rows: tf.tidy(() => Object.fromEntries(Object.entries(current).map(([k, v]) => [k, v && gatherRows(v, pick)])) as R) });
    return to;
  }
}
