// `npm run bench:browser`: what a user feels, measured in Debian's Chromium on the built site, in five parts:
// (a) threads: WASM with threads against without, every attack and training method (bench.html)
// (b) startup: the backend the page picks by itself on this machine's software WebGL, against forcing WebGL
// (c) slider: results rendered per second during a 5-second drag of the live FGSM epsilon slider
// (d) training: held-out clean and PGD-10 accuracy after 2 and 5 minutes of the page's Fast-AT
// (e) busy: the slider again, idle and while "Measure robustness" runs
// BENCH_PARTS=threads,startup,slider,training,busy selects parts (these five by default); BENCH_PARTS=webgl (webgpu)
// adds the benchmark page on WebGL (on WebGPU through Chromium's SwiftShader adapter) (scripts/bench/browserWebgl.ts),
// which takes many minutes. Prints tables; asserts nothing.
import { stopServer } from '../../node/browser.ts';
import { threadsPart } from './browserThreads.ts';
import { startupAndSliderPart } from './browserStartup.ts';
import { trainingPart } from './browserTraining.ts';
import { webglPart } from './browserWebgl.ts';
import { busyPart } from './browserBusy.ts';

const PARTS = ['threads', 'startup', 'slider', 'training', 'busy'];
const wanted = new Set((process.env.BENCH_PARTS ?? PARTS.join(',')).split(','));
const started = Date.now();
const timed = async (name: string, f: () => Promise<void>) => {
  const t0 = Date.now();
  await f();
  console.log(`    [${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s]`);
};
try {
  if (wanted.has('threads')) await timed('threads', threadsPart);
  if (wanted.has('startup') || wanted.has('slider')) {
    await timed('startup and slider', () => startupAndSliderPart({ startup: wanted.has('startup'), slider: wanted.has('slider') }));
  }
  if (wanted.has('training')) await timed('training', trainingPart);
  if (wanted.has('busy')) await timed('busy', busyPart);
  if (wanted.has('webgl')) await timed('webgl', () => webglPart('webgl'));
  if (wanted.has('webgpu')) await timed('webgpu', () => webglPart('webgpu'));
} finally {
  await stopServer();
}
const minutesInAll = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\nChromium here renders WebGL with SwiftShader, a software GPU: a real GPU is much faster. ${minutesInAll} minutes in all.`);
