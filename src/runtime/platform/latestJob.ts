// Cancellable work where only the newest request matters (an attack, a boundary measurement, a curve):
// starting a job aborts the one before it, whose promise then rejects with an AbortError. keyedJob adds the
// read-out every runtime job needs on top: results written only for the settings they were computed for.
import { errorMessage, isAbortError } from '../../lib/index.ts';

export interface LatestJob {
  /** Aborts the job in flight, if any, and returns the signal of a new one. */
  start(): AbortSignal;
  /** Aborts the job in flight, if any. */
  cancel(): void;
  /** Forgets a job that ended (nothing to abort any more); a newer job is left alone. */
  finish(signal: AbortSignal): void;
}

export function latestJob(): LatestJob {
  let current: AbortController | null = null;
  return {
    start() {
      current?.abort();
      current = new AbortController();
      return current.signal;
    },
    cancel() {
      current?.abort();
      current = null;
    },
    finish(signal) {
      if (current?.signal === signal) current = null;
    },
  };
}

/** One run of a keyed job, as its work sees it. */
export interface JobRun {
  signal: AbortSignal;
  /** The key of the settings the run computes for. */
  key: string;
  /** True while this is the newest run, it was not cancelled, and the settings on screen still have its key. */
  wanted(): boolean;
  /** The same without the cancel: a run cancelled by the user may still say so under its key. */
  current(): boolean;
}

export interface JobSpec<T> {
  /** What the settings on screen are now (null: nothing to compute); a result is written only under its key. */
  keyNow: () => string | null;
  /** Waits this long before starting (the controls settle); a newer run or a cancel meanwhile drops it. */
  delayMs?: number;
  work: (run: JobRun) => Promise<T>;
  /** The result, when it is still wanted. */
  done?: (value: T, run: JobRun) => void;
  /** The run was cancelled (by the user, or by the work's own abort) and nothing newer replaced it. */
  cancelled?: (run: JobRun) => void;
  /** The work failed (not an abort) and is still wanted: the message is for people. */
  failed?: (message: string, run: JobRun) => void;
}

/**
 * A latest-wins job whose read-out is keyed: every write goes through a check that the run is the newest and
 * that the settings on screen are the ones it computes for, so a stale result never shows for new settings.
 * Cancelled (an AbortError) and failed (anything else) are told apart; the run is finished in every case.
 */
export interface KeyedJob {
  run<T>(key: string, spec: JobSpec<T>): Promise<void>;
  /** Aborts the run in flight (or waiting to start), if any. */
  cancel(): void;
  /** A run is in flight or waiting to start. */
  busy(): boolean;
}

export function keyedJob(): KeyedJob {
  const latest = latestJob();
  let generation = 0;
  let runs = 0;
  let waiting: { timer: ReturnType<typeof setTimeout>; drop: () => void } | null = null;
  const dropWaiting = () => {
    if (!waiting) return;
    clearTimeout(waiting.timer);
    waiting.drop();
    waiting = null;
  };
  const settle = (ms: number) =>
    new Promise<boolean>((resolve) => {
      waiting = { timer: setTimeout(() => ((waiting = null), resolve(true)), ms), drop: () => resolve(false) };
    });
  return {
    async run(key, spec) {
      dropWaiting();
      latest.cancel();
      const mine = ++generation;
      runs++;
      try {
        if (spec.delayMs !== undefined && !(await settle(spec.delayMs))) return;
        const signal = latest.start();
        const current = () => generation === mine && spec.keyNow() === key;
        const run: JobRun = { signal, key, current, wanted: () => !signal.aborted && current() };
        try {
          const value = await spec.work(run);
          if (run.wanted()) spec.done?.(value, run);
        } catch (e) {
          if (isAbortError(e) || signal.aborted) {
            if (current()) spec.cancelled?.(run);
          } else if (run.wanted()) spec.failed?.(errorMessage(e), run);
        } finally {
          latest.finish(signal);
        }
      } finally {
        runs--;
      }
    },
    cancel() {
      dropWaiting();
      latest.cancel();
    },
    busy: () => runs > 0,
  };
}

/**
 * A job's read-out that grows patch by patch (progress, partial results) and reaches the store only while the
 * settings on screen still have its key.
 */
export function keyedReadout<R extends object>(initial: R, key: string, keyNow: () => string | null, write: (r: R) => void): (patch: Partial<R>) => R {
  let readout = initial;
  return (patch) => {
    readout = { ...readout, ...patch };
    if (keyNow() === key) write(readout);
    return readout;
  };
}
