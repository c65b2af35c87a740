// A virtual X display of the test's own, so the engines run with a window (Firefox has WebGL only with one, and
// WebKitGTK's MiniBrowser always needs a display) on CI and on a developer's desktop alike, where no window shows.
import { spawn } from 'node:child_process';

export interface Display {
  /** The value of DISPLAY for the browsers, e.g. ':99'. */
  name: string;
  stop: () => Promise<void>;
}

/** Starts Xvfb on the first free display number (Xvfb picks it and writes it to the pipe on fd 3). */
export function startXvfb(): Promise<Display> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (xvfb.exitCode !== null) return done();
      xvfb.once('exit', () => done());
      xvfb.kill();
    });
  return new Promise((done, fail) => {
    let stderr = '';
    xvfb.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    xvfb.once('error', (e) => fail(new Error(`Xvfb could not start (${e.message}): install it with apt-get install xvfb xauth`)));
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited with ${code}: ${stderr.trim()}`)));
    let out = '';
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) done({ name: `:${out.trim()}`, stop });
    });
  });
}
