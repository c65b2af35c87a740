// The ground floor: helpers every layer shares. It imports nothing of ours (tfjs only), so anything may import it.
export { abortError, isAbortError, throwIfAborted } from './abort.ts';
export { yieldToEventLoop } from './yield.ts';
export { seededRandom, type SeededRandom } from './seededRandom.ts';
export { errorMessage } from './errorMessage.ts';
export { readFlags, readNumbers } from './readBack.ts';
export { QUANTISATION_LEVELS, quantize } from './quantize.ts';
export { selectImages } from './selectImages.ts';
