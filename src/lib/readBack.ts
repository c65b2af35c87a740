// Reading a tensor back to JavaScript once and disposing it: `await t.data()`, never dataSync() in a loop.
import type * as tf from '@tensorflow/tfjs';

/** Reads a boolean (or 0/1) tensor as flags and disposes it. */
export async function readFlags(t: tf.Tensor): Promise<boolean[]> {
  try {
    return Array.from(await t.data(), (v) => v !== 0);
  } finally {
    t.dispose();
  }
}

/** Reads a tensor's values as plain numbers and disposes it. */
export async function readNumbers(t: tf.Tensor): Promise<number[]> {
  try {
    return Array.from(await t.data());
  } finally {
    t.dispose();
  }
}
