// The lowest job primitive: cancellable work where only the newest request matters. Starting a job aborts the one
// before it, whose promise then rejects with an AbortError. keyedJob.ts builds the runtime's jobs on it.

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
