// Weight snapshots: every weight of a model (BatchNorm moving statistics included), to restore later.
// Clones share their data with the variables at the time of the snapshot; an update assigns new data to a
// variable rather than writing into the old, so a snapshot costs no copy and stays exact.
import * as tf from '@tensorflow/tfjs';

export interface WeightSnapshot {
  /** Weight names in model.weights order (checked on restore). */
  readonly names: readonly string[];
  readonly tensors: readonly tf.Tensor[];
  dispose(): void;
}

/** One weight read back to the CPU: structured-cloneable, so it can cross to or from a worker. */
export interface WeightValue {
  name: string;
  shape: number[];
  values: Float32Array;
}

export function snapshotWeights(model: tf.LayersModel): WeightSnapshot {
  const tensors = model.weights.map((w) => tf.clone(w.read()));
  // Under a caller's tf.tidy the clones would be disposed at its end: keep them until dispose().
  tensors.forEach((t) => tf.keep(t));
  return {
    names: model.weights.map((w) => w.originalName),
    tensors,
    dispose: () => tf.dispose(tensors),
  };
}

/** Writes the snapshot's values back into the model's variables (the snapshot stays usable). */
export function restoreWeights(model: tf.LayersModel, snapshot: WeightSnapshot): void {
  const weights = model.weights;
  if (weights.length !== snapshot.tensors.length || weights.some((w, i) => w.originalName !== snapshot.names[i])) {
    throw new Error('restoreWeights: the snapshot was taken of a different model');
  }
  tf.tidy(() => weights.forEach((w, i) => w.write(tf.clone(snapshot.tensors[i]!))));
}

/** A snapshot's weights read back as typed arrays (the snapshot stays usable). */
export async function readSnapshot(snapshot: WeightSnapshot): Promise<WeightValue[]> {
  const values = await Promise.all(snapshot.tensors.map((t) => t.data() as Promise<Float32Array>));
  return snapshot.tensors.map((t, i) => ({ name: snapshot.names[i]!, shape: t.shape, values: values[i]! }));
}

/** All weights read back as typed arrays (for a copy that survives a lost WebGL context, or another thread). */
export async function readWeights(model: tf.LayersModel): Promise<WeightValue[]> {
  const snapshot = snapshotWeights(model);
  try {
    return await readSnapshot(snapshot);
  } finally {
    snapshot.dispose();
  }
}

/** Writes weights read back by readWeights (from another thread, say) into the model's variables. */
export function writeWeights(model: tf.LayersModel, values: readonly WeightValue[]): void {
  const weights = model.weights;
  if (weights.length !== values.length || weights.some((w, i) => w.originalName !== values[i]!.name)) {
    throw new Error('writeWeights: the weights were read from a different model');
  }
  tf.tidy(() => weights.forEach((w, i) => w.write(tf.tensor(values[i]!.values, values[i]!.shape, w.dtype))));
}
