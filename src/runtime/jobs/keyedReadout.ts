// A job's read-out that grows patch by patch (progress, partial results).

/** Patches reach the store (`write`) only while the settings on screen (`keyNow`) still have the job's key. */
export function keyedReadout<R extends object>(
  initial: R,
  key: string,
  keyNow: () => string | null,
  write: (r: R) => void,
): (patch: Partial<R>) => R {
  let readout = initial;
  return (patch) => {
    readout = { ...readout, ...patch };
    if (keyNow() === key) write(readout);
    return readout;
  };
}
