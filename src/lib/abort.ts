// Cancellation, one way everywhere: a job whose AbortSignal fired rejects with an AbortError, and every layer tells
// that apart from a failure with isAbortError.

export function abortError(what = 'The job'): Error {
  const message = `${what} was cancelled`;
  if (typeof DOMException === 'function') return new DOMException(message, 'AbortError');
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

/** True for the rejection of a cancelled job (an attack, a measurement, a curve or training whose signal fired). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
