// Node-side loading of a tfjs LayersModel folder (models/standard, models/robust, or any given path).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadFromParts } from '../src/model/artifacts.ts';
import { toLogitsFn, type ModelFn } from '../src/model/modelFn.ts';
import { foldInference } from '../src/model/foldedModel.ts';
import { defendedFns } from '../src/model/defences.ts';
import { SHIPPED_BASE } from '../src/model/shipped.ts';
import { MODELS_DIR } from './paths.ts';

/** The folder of a shipped model (its card; a defended model's weights are its base's) or of a given path. */
export function modelDir(nameOrPath: string): string {
  const shipped = join(MODELS_DIR, nameOrPath);
  return existsSync(join(shipped, 'model.json')) || Object.hasOwn(SHIPPED_BASE, nameOrPath) ? shipped : resolve(nameOrPath);
}

const weightsDir = (nameOrPath: string) => modelDir(Object.hasOwn(SHIPPED_BASE, nameOrPath) ? SHIPPED_BASE[nameOrPath]! : nameOrPath);

export function modelExists(nameOrPath: string): boolean {
  return existsSync(join(weightsDir(nameOrPath), 'model.json'));
}

/**
 * A model folder's LayersModel and logits function. A defended shipped model (SHIPPED_BASE) gives its base's
 * LayersModel, its own function behind the defence (modelFn; BatchNorm folded in, as the page does) and the
 * straight-through twin; scripts that evaluate must use modelFn (the LayersModel alone has no defence).
 */
export async function loadModelDir(nameOrPath: string): Promise<{ model: tf.LayersModel; modelFn: ModelFn; straightThroughFn?: ModelFn }> {
  const { model, modelFn } = await loadLayers(weightsDir(nameOrPath));
  if (!Object.hasOwn(SHIPPED_BASE, nameOrPath)) return { model, modelFn };
  // The folded weights live as long as the process (scripts and tests load a model once).
  const defended = defendedFns(nameOrPath, foldInference(model)?.modelFn ?? modelFn)!;
  return { model, ...defended };
}

async function loadLayers(dir: string): Promise<{ model: tf.LayersModel; modelFn: ModelFn }> {
  const model = await loadFromParts(readFileSync(join(dir, 'model.json'), 'utf8'), async (p) => {
    const f = join(dir, p);
    if (!existsSync(f)) return undefined;
    const b = readFileSync(f);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  });
  return { model, modelFn: toLogitsFn(model) };
}
