// A loaded LayersModel as the attack engine's ModelFn: pixels in [0,1] -> logits.
import * as tf from '@tensorflow/tfjs';

// One name for a model as a function, the attack contract's: pixels in [0,1] -> logits.
import type { ModelFn } from '../attacks/index.ts';
import { IMAGE_SIZE, NUM_CLASSES } from '../data/cifar10.ts';

export type { ModelFn };

export class ModelShapeError extends Error {
  override name = 'ModelShapeError';
}

function endsInSoftmax(model: tf.LayersModel): boolean {
  const last = model.layers[model.layers.length - 1];
  const cfg = last?.getConfig() as { activation?: string } | undefined;
  return last?.getClassName() === 'Softmax' || cfg?.activation === 'softmax';
}

/** Checks the model takes [n,32,32,3] and gives [n,10]. Throws ModelShapeError with a readable reason. */
export function checkModelShapes(model: tf.LayersModel): void {
  const inShape = model.inputs[0]?.shape;
  const outShape = model.outputs[0]?.shape;
  if (model.inputs.length !== 1 || !inShape || inShape.slice(1).join(',') !== [IMAGE_SIZE, IMAGE_SIZE, 3].join(',')) {
    throw new ModelShapeError(`The model must take one input of shape [n,32,32,3]; it takes ${JSON.stringify(model.inputs.map((t) => t.shape))}`);
  }
  if (model.outputs.length !== 1 || !outShape || outShape.slice(1).join(',') !== String(NUM_CLASSES)) {
    throw new ModelShapeError(`The model must output ${NUM_CLASSES} class scores; it outputs ${JSON.stringify(model.outputs.map((t) => t.shape))}`);
  }
}

/**
 * Returns the logits function. A model ending in softmax is cut before it: attacks need logits, and
 * a softmax output saturates their gradients. A Dense layer with a softmax activation is re-applied
 * with its weights and no activation.
 */
export function toLogitsFn(model: tf.LayersModel): ModelFn {
  checkModelShapes(model);
  if (!endsInSoftmax(model)) return (x) => model.apply(x, { training: false }) as tf.Tensor2D;
  const last = model.layers[model.layers.length - 1]!;
  if (last.getClassName() === 'Softmax' || last.getClassName() === 'Activation') {
    const before = tf.model({ inputs: model.inputs, outputs: last.input as tf.SymbolicTensor });
    return (x) => before.apply(x, { training: false }) as tf.Tensor2D;
  }
  if (last.getClassName() !== 'Dense') {
    throw new ModelShapeError(
      `The model ends in a ${last.getClassName()} layer with a softmax activation; only Dense or Softmax endings are supported`,
    );
  }
  const features = tf.model({ inputs: model.inputs, outputs: last.input as tf.SymbolicTensor });
  const [kernel, bias] = last.getWeights();
  return (x) =>
    tf.tidy(() => {
      const h = features.apply(x, { training: false }) as tf.Tensor2D;
      const z = tf.matMul(h, kernel as tf.Tensor2D);
      return (bias ? tf.add(z, bias) : z) as tf.Tensor2D;
    });
}
