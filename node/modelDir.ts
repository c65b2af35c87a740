// Node-side loading of a tfjs LayersModel folder (models/standard, models/robust, or any given path).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadFromParts } from '../src/model/artifacts.ts';
import { toLogitsFn, type ModelFn } from '../src/model/modelFn.ts';
import { MODELS_DIR } from './paths.ts';

export function modelDir(nameOrPath: string): string {
  return existsSync(join(MODELS_DIR, nameOrPath, 'model.json')) ? join(MODELS_DIR, nameOrPath) : resolve(nameOrPath);
}

export function modelExists(nameOrPath: string): boolean {
  return existsSync(join(modelDir(nameOrPath), 'model.json'));
}

export async function loadModelDir(nameOrPath: string): Promise<{ model: tf.LayersModel; modelFn: ModelFn }> {
  const dir = modelDir(nameOrPath);
  const model = await loadFromParts(readFileSync(join(dir, 'model.json'), 'utf8'), async (p) => {
    const f = join(dir, p);
    if (!existsSync(f)) return undefined;
    const b = readFileSync(f);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  });
  return { model, modelFn: toLogitsFn(model) };
}
