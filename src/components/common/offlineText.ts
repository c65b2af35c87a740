// The offline banner's words, by what this browser has saved; the models are counted from the shipped list.
import type { OfflineCopy } from '../../state/backendSlice.ts';
import { BUNDLED_MODELS } from '../../state/modelSlice.ts';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** A count as a sentence says it: "three", or digits past ten. */
export const countWord = (n: number): string => NUMBER_WORDS[n] ?? String(n);

/** What works with the network gone (null while the page is still finding out). */
export function offlineText(copy: OfflineCopy, shippedModels: number = BUNDLED_MODELS.length): string | null {
  const models = shippedModels === 1 ? 'the shipped model' : `the ${countWord(shippedModels)} shipped models`;
  const notYet = 'what has not loaded yet cannot load until the network is back.';
  switch (copy) {
    case 'checking':
      return null;
    case 'saved':
      return `You are offline. Epsilon runs from the copy saved in this browser: the lab, ${models}, the lessons and training work as before.`;
    case 'saving':
      return `You are offline, and this browser had not finished saving Epsilon: ${notYet}`;
    case 'failed':
      return `You are offline, and this browser could not save Epsilon: ${notYet}`;
    case 'none':
      return `You are offline, and this browser keeps no copy of Epsilon here: ${notYet}`;
  }
}
