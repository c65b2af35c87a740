// Saving a (trained) model through tfjs's IO handlers and reading it back: to memory, to model.json +
// weights.bin files (Node's fs, a browser download), or to any tf.io handler such as 'indexeddb://name'.
import * as tf from '@tensorflow/tfjs';

/** The model's artifacts (topology, weight specs and float32 weight bytes), via tf.io.withSaveHandler. */
export async function modelToArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!saved) throw new Error('modelToArtifacts: tfjs saved nothing');
  return saved;
}

/** A new LayersModel built from artifacts (tf.io.fromMemory). */
export function modelFromArtifacts(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

function weightBytes(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (!data) return new ArrayBuffer(0);
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

/** The two files of the tfjs layers format: model.json (text) and one weight shard. */
export function artifactsToFiles(
  artifacts: tf.io.ModelArtifacts,
  shardName = 'weights.bin',
): { modelJson: string; weights: ArrayBuffer; shardName: string } {
  const json: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
    weightsManifest: [{ paths: [shardName], weights: artifacts.weightSpecs ?? [] }],
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
  return { modelJson: JSON.stringify(json), weights: weightBytes(artifacts.weightData), shardName };
}

/** Saves through a handler that writes the two files with `write` (Node: fs.writeFileSync into a folder). */
export function filesSaveHandler(write: (name: string, contents: string | Uint8Array) => void | Promise<void>): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    const files = artifactsToFiles(artifacts);
    await write('model.json', files.modelJson);
    await write(files.shardName, new Uint8Array(files.weights));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
}
