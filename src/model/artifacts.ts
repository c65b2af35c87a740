// Loads a tfjs LayersModel from its parts (model.json text and weight shard bytes), wherever they came from:
// fetch in the browser, the file system in Node, or files a user dropped on the page.
import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../lib/index.ts';

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

interface ModelJson {
  modelTopology?: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: { [key: string]: {} };
}

function parseModelJson(text: string): ModelJson {
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
  } catch {
    throw new ModelFormatError('model.json is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new ModelFormatError('model.json is not a tfjs LayersModel (it needs modelTopology and weightsManifest)');
  }
  return json;
}

/** Names of the shard files a model.json refers to, in order. */
function shardPaths(json: ModelJson): string[] {
  return (json.weightsManifest ?? []).flatMap((g) => g.paths);
}

/** Builds the model. `readShard(path)` returns a shard's bytes, or undefined when it is missing. */
export async function loadFromParts(modelJsonText: string, readShard: (path: string) => Promise<ArrayBuffer | undefined>): Promise<tf.LayersModel> {
  const json = parseModelJson(modelJsonText);
  const buffers: ArrayBuffer[] = [];
  for (const p of shardPaths(json)) {
    const b = await readShard(p);
    if (!b) throw new ModelFormatError(`Weight file "${p}" named in model.json is missing`);
    buffers.push(b);
  }
  const weightSpecs = json.weightsManifest!.flatMap((g) => g.weights);
  const weightData = tf.io.concatenateArrayBuffers(buffers);
  const expectedBytes = weightSpecs.reduce((sum, w) => {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const dtype = w.quantization?.dtype ?? w.dtype;
    const bytesPer = dtype === 'uint8' ? 1 : dtype === 'uint16' || dtype === 'float16' ? 2 : 4;
    return sum + n * bytesPer;
  }, 0);
  if (weightData.byteLength !== expectedBytes) {
    throw new ModelFormatError(`Weight files hold ${weightData.byteLength} bytes; model.json describes ${expectedBytes}`);
  }
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs,
    weightData,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? null,
    userDefinedMetadata: json.userDefinedMetadata,
  };
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new ModelFormatError(`tfjs could not build the model: ${errorMessage(e)}`);
  }
}
