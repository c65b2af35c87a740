// The runtime's one job primitive: every async flow that writes the store after an await runs through one. Latest
// wins, a stale result never shows for new settings, cancelled (an AbortError) and failed (anything else) are told
// apart, and the run is finished in every case. keyedJob: the result is for settings with a key (an image, an
// attack); latestOnly: a job with no settings to outrun (a lesson to open, a file to read), where being the newest
// run is all that counts.
import { errorMessage, isAbortError } from '../../lib/index.ts';
import { latestJob } from './latestJob.ts';

/**
 * What a new run does to the one in flight. 'replace': aborts it (its result would be stale). 'queue-latest':
 * lets it end, and only the newest of the runs that arrived meanwhile starts next: for short work whose every
 * result is still worth showing (live FGSM: one forward pass per slider event, faster events than passes).
 */
export type JobMode = 'replace' | 'queue-latest';

/** One run of a job, as its work sees it. */
export interface Run {
  signal: AbortSignal;
  /** True while the run may write: it was not cancelled, and it is `current()`. */
  wanted(): boolean;
  /** Nothing newer took its place (keyed: and the settings on screen still have its key); a cancelled run may still say so. */
  current(): boolean;
}

/** A run of a keyed job. */
export interface JobRun extends Run {
  /** The key of the settings the run computes for. */
  key: string;
}

interface Handlers<T, R extends Run> {
  /** Waits this long before starting (the controls settle); a newer run or a cancel meanwhile drops it. */
  delayMs?: number;
  work: (run: R) => Promise<T>;
  /** The result, when it is still wanted. */
  done?: (value: T, run: R) => void;
  /** The run was cancelled (by the user, or by the work's own abort) and nothing newer replaced it. */
  cancelled?: (run: R) => void;
  /** The work failed (not an abort) and is still wanted: the message is for people. */
  failed?: (message: string, run: R) => void;
}

export interface JobSpec<T> extends Handlers<T, JobRun> {
  /** What the settings on screen are now (null: nothing to compute); a result is written only under its key. */
  keyNow: () => string | null;
}

export type LatestSpec<T> = Handlers<T, Run>;

interface JobControls {
  /** Aborts the run in flight and drops a run waiting to start, if any. */
  cancel(): void;
  /** A run is in flight or waiting to start. */
  busy(): boolean;
}

/** A job whose read-out is keyed: every write checks that the run is current for the settings on screen. */
export interface KeyedJob extends JobControls {
  run<T>(key: string, spec: JobSpec<T>): Promise<void>;
}

/** A job whose runs are for no settings in particular: the newest run wins. */
export interface LatestOnly extends JobControls {
  run<T>(spec: LatestSpec<T>): Promise<void>;
}

/** The runs of one job: who may write (`owner`), who waits to start (`waiter`), and the turn in queue-latest. */
function jobCore(mode: JobMode) {
  const latest = latestJob();
  let asked = 0;
  // The run whose results may be written: the newest asked for ('replace') or started ('queue-latest').
  let owner = 0;
  let runs = 0;
  // 'queue-latest': a run holds the turn; `handOver` gives it straight to the one waiting.
  let working = false;
  let handOver: (() => void) | null = null;
  let waiter: { drop(): void } | null = null;

  /** Waits until `arm` calls go (true), or a newer run or a cancel drops the wait (false). */
  const hold = (arm: (go: () => void) => () => void) =>
    new Promise<boolean>((resolve) => {
      const me = { drop: () => (disarm(), resolve(false)) };
      waiter = me;
      const disarm = arm(() => {
        if (waiter === me) waiter = null;
        resolve(true);
      });
    });
  const dropWaiting = () => {
    const w = waiter;
    waiter = null;
    w?.drop();
  };
  const settle = (ms: number) =>
    hold((go) => {
      const timer = setTimeout(go, ms);
      return () => clearTimeout(timer);
    });
  const nextTurn = () => hold((go) => ((handOver = go), () => (handOver = null)));
  const passTurn = () => {
    const next = handOver;
    handOver = null;
    // The turn goes straight to the waiting run: a run asked for meanwhile queues behind it.
    if (next) next();
    else working = false;
  };

  async function run<T, R extends Run>(spec: Handlers<T, R>, matches: () => boolean, asRun: (run: Run) => R): Promise<void> {
    dropWaiting();
    const mine = ++asked;
    if (mode === 'replace') {
      latest.cancel();
      owner = mine;
    }
    runs++;
    let holdsTurn = false;
    try {
      if (spec.delayMs !== undefined && !(await settle(spec.delayMs))) return;
      if (mode === 'queue-latest') {
        if (working && !(await nextTurn())) return;
        working = holdsTurn = true;
        owner = mine;
      }
      // Settings that left the screen while the run waited: nothing it computed could be shown.
      if (!matches()) return;
      const signal = latest.start();
      const current = () => owner === mine && matches();
      const r = asRun({ signal, current, wanted: () => !signal.aborted && current() });
      try {
        const value = await spec.work(r);
        if (r.wanted()) spec.done?.(value, r);
      } catch (e) {
        if (isAbortError(e) || signal.aborted) {
          if (current()) spec.cancelled?.(r);
        } else if (r.wanted()) spec.failed?.(errorMessage(e), r);
      } finally {
        latest.finish(signal);
      }
    } finally {
      runs--;
      if (holdsTurn) passTurn();
    }
  }

  const controls: JobControls = {
    cancel() {
      dropWaiting();
      latest.cancel();
    },
    busy: () => runs > 0,
  };
  return { run, controls };
}

export function keyedJob(mode: JobMode = 'replace'): KeyedJob {
  const core = jobCore(mode);
  return {
    ...core.controls,
    run: (key, spec) =>
      core.run(
        spec,
        () => spec.keyNow() === key,
        (r) => ({ ...r, key }),
      ),
  };
}

export function latestOnly(mode: JobMode = 'replace'): LatestOnly {
  const core = jobCore(mode);
  return {
    ...core.controls,
    run: (spec) =>
      core.run(
        spec,
        () => true,
        (r) => r,
      ),
  };
}
