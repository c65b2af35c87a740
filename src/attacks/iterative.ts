// The loop every iterative attack shares (in the spirit of foolbox's gradient-descent base class): rounds (restarts,
// C&W binary-search steps) of steps on the rows of the images still moving (activeRows.ts). The shell starts from
// the images still standing (runAttack's clean pass), holds the tensors between steps and disposes what a step
// replaced, keeps the best result of an attack that restarts and restarts only what still stands (restarts.ts),
// reads back each step's statistics by name for the trajectory, pauses (and honours an abort) between steps, and
// counts steps and gradient passes per image. An attack supplies its round start, its step, and optionally its
// round end.
import * as tf from '@tensorflow/tfjs';
import { readFlags } from '../lib/index.ts';
import { activeRows, gatherRows, type ActiveRows } from './activeRows.ts';
import { packStats, unpackStats, type Progress, type StepRecord, type StepStats } from './progress.ts';
import { keepBetter, type Candidate, type Restarts } from './restarts.ts';

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
  /** The statistics of the point the step started from, one row per computed row. */
  stats?: StepStats;
  /** Per computed row: the image is finished and leaves the computation. */
  done?: tf.Tensor1D;
  /** Candidate results per computed row, offered in order to the kept result (restarts). */
  offers?: Candidate[];
};

export type RoundEnd<B> = {
  batch?: B;
  /** The statistics of every image at the end of the round. */
  stats?: StepStats;
  /** A candidate result per computed row (the rows the round ended with), offered to the kept result. */
  offer?: Candidate;
  /** Per image; read only when another round may follow, and handed to nextRound. */
  flags?: tf.Tensor1D;
};

export interface IterativeAttack<R extends Tensors, B extends Tensors> {
  rounds: number;
  /** Steps per round (at most: images may finish early). */
  steps: number;
  /** The tensors kept across rounds; from here on the shell owns them. */
  batch: B;
  /** Images that take steps (default: all): those still standing after the clean pass (AttackContext.standing). */
  standing?: boolean[];
  /** Rounds after the first restart the images still standing, and the shell keeps each image's best result. */
  restarts?: Restarts;
  /** Gradient passes per computed row and step (DeepFool: one per candidate class); default 1. */
  passesPerRow?: number;
  /** The round's state for the rows of `active` (batch indices active.rows); may replace batch tensors. In tf.tidy. */
  startRound(round: number, active: ActiveRows, batch: B): { rows: R; batch?: B };
  /** One update of the active rows. In tf.tidy; never put a caller's tensor in the state (the shell disposes it). */
  step(s: StepInput<R, B>): StepOutput<R, B>;
  /** On the host, after a step's statistics are read: false stops image i for the rest of the round. */
  goesOn?(image: number, stats: StepRecord, t: number): boolean;
  /** The end of a round; `rows` is null when no image moved; `kept`: the best result so far (restarts). In tf.tidy. */
  endRound?(round: number, rows: R | null, batch: B, kept: Candidate | undefined): RoundEnd<B>;
  /** On the host, between rounds of an attack that does not restart, with endRound's flags: false ends the attack. */
  nextRound?(round: number, flags: boolean[]): boolean;
}

export interface Iterated<B> {
  /** The final tensors kept across rounds, now the caller's. */
  batch: B;
  /** The best result per image (restarts), now the caller's. */
  kept?: Candidate;
  /** Steps each image took, over all rounds. */
  steps: number[];
  /** Gradient passes in units of one pass over the whole batch. */
  gradientEvaluations: number;
}

/** Disposes the tensors of `old` that none of `kept` holds. */
function release(old: (Tensors | null | undefined)[], kept: (Tensors | null | undefined)[]): void {
  const held = new Set(kept.flatMap((k) => (k ? Object.values(k) : [])));
  for (const o of old) for (const t of o ? Object.values(o) : []) if (t && !held.has(t)) t.dispose();
}

/**
 * Runs an iterative attack on a batch of n images. `progress` null: nobody listens (adversarial training), so no
 * statistics are read back and the loop does not pause. Rejects with an AbortError from progress.pause(),
 * leaving no tensor behind.
 */
export async function iterate<R extends Tensors, B extends Tensors>(
  attack: IterativeAttack<R, B>,
  n: number,
  progress: Progress | null,
): Promise<Iterated<B>> {
  const observed = progress !== null || attack.goesOn !== undefined;
  const passes = attack.passesPerRow ?? 1;
  const restarts = attack.restarts;
  const stepsUsed = new Array<number>(n).fill(0);
  let gradientEvaluations = 0;
  let batch: B = attack.batch;
  let kept: Candidate | undefined = restarts?.initial;
  let rows: R | null = null;
  const atStart = attack.standing ?? new Array<boolean>(n).fill(true);
  let standing = atStart;
  /** Reads (when wanted) a tensor a step or round end handed over, then disposes it unless the state holds it. */
  const consume = async (t: tf.Tensor | undefined, wanted: boolean) => {
    try {
      return wanted && t ? ((await t.data()) as Float32Array) : undefined;
    } finally {
      release([{ t }], [rows, batch, kept]);
    }
  };
  const replace = (next: { rows?: R | null; batch?: B; kept?: Candidate }) => {
    const nextRows = next.rows === undefined ? rows : next.rows;
    const nextBatch = next.batch ?? batch;
    const nextKept = next.kept ?? kept;
    release([rows, batch, kept], [nextRows, nextBatch, nextKept]);
    rows = nextRows;
    batch = nextBatch;
    kept = nextKept;
  };
  /** The kept result with the offers on the rows of `active` taken where better. In tf.tidy. */
  const offered = (offers: Candidate[] | undefined, active: ActiveRows | null) =>
    offers && restarts && active ? offers.reduce<Candidate | undefined>((k, o) => keepBetter(k, o, active, restarts), kept) : undefined;
  try {
    for (let round = 0; round < attack.rounds; round++) {
      const moving = restarts?.wholeBatch ? atStart : standing;
      let active: ActiveRows | null = moving.some(Boolean) ? activeRows(moving) : null;
      const taken = new Array<number>(n).fill(0);
      if (active) {
        const at = active,
          b = batch;
        replace(tf.tidy(() => attack.startRound(round, at, b)));
      }
      for (let t = 0; t < attack.steps && active; t++) {
        const input: StepInput<R, B> = { rows: rows!, batch, round, t, active, observed };
        const out = tf.tidy(() => {
          const o = attack.step(input);
          return {
            rows: o.rows,
            batch: o.batch,
            kept: offered(o.offers, input.active),
            stats: observed && o.stats ? packStats(o.stats) : undefined,
            done: o.done,
          };
        });
        replace(out);
        gradientEvaluations += (passes * active.rows.length) / n;
        for (const i of active.active) taken[i]!++;
        const [stats, done] = await Promise.all([consume(out.stats, observed), consume(out.done, true)]);
        const images = active.active;
        const records = stats && unpackStats(stats, images.length);
        if (records && progress) {
          progress.record(records, images, { round, step: t, progress: (round * attack.steps + t + 1) / (attack.rounds * attack.steps) });
        }
        const goesOn = images.map((i, r) => !done?.[r] && (!attack.goesOn || attack.goesOn(i, records![r]!, t)));
        if (progress) await progress.pause();
        if (goesOn.every(Boolean) || t === attack.steps - 1) continue;
        if (!goesOn.some(Boolean)) break;
        active = narrow(active, goesOn, n);
      }
      const ended = active;
      const end = tf.tidy(() => {
        const e: RoundEnd<B> = attack.endRound?.(round, rows, batch, kept) ?? {};
        return {
          batch: e.batch,
          kept: offered(e.offer && [e.offer], ended),
          stats: e.stats && progress ? packStats(e.stats) : undefined,
          flags: e.flags,
        };
      });
      replace(end);
      const endStats = await consume(end.stats, progress !== null);
      if (endStats) {
        progress!.record(
          unpackStats(endStats, n),
          Array.from({ length: n }, (_, i) => i),
          { round, step: (i) => taken[i]!, progress: (round + 1) / attack.rounds },
        );
      }
      for (let i = 0; i < n; i++) stepsUsed[i]! += taken[i]!;
      const last = round === attack.rounds - 1;
      const flags = await consume(end.flags, !last && !restarts && attack.nextRound !== undefined);
      replace({ rows: null });
      if (last) break;
      if (restarts) {
        const current = kept!;
        standing = (await readFlags(tf.tidy(() => restarts.fooled(current.logits)))).map((f) => !f);
        if (!standing.some(Boolean)) break;
      } else if (
        flags &&
        !attack.nextRound!(
          round,
          Array.from(flags, (v) => v !== 0),
        )
      ) {
        break;
      }
      if (progress) await progress.pause();
    }
    const out: Iterated<B> = { batch, kept, steps: stepsUsed, gradientEvaluations };
    batch = {} as B;
    kept = undefined;
    return out;
  } finally {
    release([rows, batch, kept], []);
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
