// Saves a model as the browser downloads NAME.json and NAME.weights.bin: tfjs's own 'downloads://' handler is not
// registered in our bundle (the bundler drops the module that registers it), so the two files are written here.
import * as tf from '@tensorflow/tfjs';
import { downloadBlob } from '../files/index.ts';

export function browserDownloadsHandler(name: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    const weightsFile = `${name}.weights.bin`;
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      weightsManifest: [{ paths: [`./${weightsFile}`], weights: artifacts.weightSpecs ?? [] }],
    };
    const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
    downloadBlob(new Blob([JSON.stringify(modelJson)], { type: 'application/json' }), `${name}.json`);
    downloadBlob(new Blob([weights], { type: 'application/octet-stream' }), weightsFile);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
  });
}
