// Yielding to the event loop between steps of long work, so the page renders, handles input and sees an abort.

type Resume = () => void;
const scheduleMacrotask: (resume: Resume) => void = (() => {
  const g = globalThis as { setImmediate?: (f: Resume) => unknown; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === 'function') return (resume: Resume) => void g.setImmediate!(resume);
  if (typeof g.MessageChannel === 'function') {
    // Unlike setTimeout(0), a message is not clamped to 4 ms after a few nested calls.
    const channel = new g.MessageChannel();
    const queue: Resume[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (resume: Resume) => {
      queue.push(resume);
      channel.port2.postMessage(0);
    };
  }
  return (resume: Resume) => void setTimeout(resume, 0);
})();

/** Lets the page render and handle input (and an abort) between steps. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => scheduleMacrotask(resolve));
}
