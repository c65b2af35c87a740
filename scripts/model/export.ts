// `npm run export -- standard`: turns checkpoints/<name>/export (written by scripts/train/train.py) into
// models/<name>/: a tfjs LayersModel with float16 weights, PyTorch's golden logits and a model card.
import * as tf from '@tensorflow/tfjs';
import { setFloat16 } from '@petamoriken/float16';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEpsilonCnn } from '../../src/model/architecture.ts';
import { ROOT } from '../../node/paths.ts';
import { useBackend } from '../../node/tfBackend.ts';
import { cifarBatch } from '../../node/cifarData.ts';
import { goldenMaxAbsDiff, type Golden } from '../../node/golden.ts';

interface ExportMeta {
  name: string;
  method: string;
  args: Record<string, unknown>;
  log: Record<string, number | boolean>[];
  weights: { name: string; shape: number[] }[];
  params: number;
  pytorch_test_clean_float16: number;
  golden: Golden;
  train_seconds: number;
}

const name = process.argv[2];
if (!name) throw new Error('usage: npm run export -- <standard|robust>');
const src = join(ROOT, 'checkpoints', name, 'export');
const meta = JSON.parse(readFileSync(join(src, 'meta.json'), 'utf8')) as ExportMeta;
const raw = readFileSync(join(src, 'weights.f32'));
const floats = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);

await useBackend('cpu');
const model = buildEpsilonCnn(`epsilon_${name}`);
// PyTorch wrote the weights in layer order; match them by name and shape, layer by layer.
const exported = new Map<string, tf.Tensor>();
let offset = 0;
for (const m of meta.weights) {
  const size = m.shape.reduce((a, b) => a * b, 1);
  exported.set(m.name, tf.tensor(floats.subarray(offset, offset + size), m.shape));
  offset += size;
}
if (offset !== floats.length) throw new Error('weights.f32 holds more numbers than meta.json describes');
for (const layer of model.layers) {
  if (layer.weights.length === 0) continue;
  layer.setWeights(
    layer.weights.map((w) => {
      const t = exported.get(w.originalName);
      if (!t || t.shape.join() !== w.shape.join()) throw new Error(`No PyTorch weight of shape ${JSON.stringify(w.shape)} for ${w.originalName}`);
      exported.delete(w.originalName);
      return t;
    }),
  );
}
if (exported.size > 0) throw new Error(`PyTorch weights with no tfjs counterpart: ${[...exported.keys()].join(', ')}`);

// Save: topology from tfjs, weights as float16 (exact: train.py already rounded them through float16).
let artifacts: tf.io.ModelArtifacts | undefined;
await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
const specs = artifacts!.weightSpecs!.map((s) => ({ ...s, dtype: 'float32' as const, quantization: { dtype: 'float16' as const } }));
const f32 = new Float32Array(artifacts!.weightData as ArrayBuffer);
const f16 = new DataView(new ArrayBuffer(f32.length * 2));
f32.forEach((v, i) => setFloat16(f16, i * 2, v, true));
const out = join(ROOT, 'models', name);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'weights.bin'), new Uint8Array(f16.buffer));
writeFileSync(
  join(out, 'model.json'),
  JSON.stringify({
    format: 'layers-model',
    generatedBy: 'Epsilon scripts/model/export.ts',
    convertedBy: null,
    modelTopology: artifacts!.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
  }),
);
writeFileSync(join(out, 'golden.json'), JSON.stringify(meta.golden));

// Prove the shipped files compute PyTorch's function before writing the card.
const { loadModelDir } = await import('../../node/modelDir.ts');
const shipped = await loadModelDir(name);
const { x } = await cifarBatch('test', 0, meta.golden.testIndex.length);
const diff = await goldenMaxAbsDiff(shipped.modelFn, x, meta.golden);
x.dispose();
console.log(`${name}: max |tfjs - PyTorch| logit difference on ${meta.golden.testIndex.length} golden images: ${diff.toExponential(2)}`);
if (!(diff < 1e-3)) throw new Error('The exported model does not reproduce the PyTorch logits');

const card = {
  name,
  architecture:
    '3 stages of two conv3x3-BatchNorm-ReLU (32, 64, 128 filters), each ending in a 2x2 max-pool; global max-pool; dense to 10 logits. ' +
    'Input [n,32,32,3] pixels in [0,1].',
  parameters: meta.params,
  weightsDtype: 'float16',
  weightsBytes: f16.byteLength,
  training: {
    method: meta.method,
    recipe: meta.args,
    seed: meta.args.seed,
    epochs: meta.log.length,
    trainSeconds: meta.train_seconds,
    machine: '2 CPU cores, PyTorch 1.13 (Debian python3-torch)',
    log: meta.log,
    pytorchTestCleanFloat16: meta.pytorch_test_clean_float16,
  },
  goldenMaxAbsDiff: diff,
  evaluation: {} as Record<string, unknown>,
};
writeFileSync(join(out, 'card.json'), JSON.stringify(card, null, 2) + '\n');
console.log(`wrote ${out} (${f16.byteLength} bytes of weights); run npm run evaluate to add the accuracy figures to card.json`);
