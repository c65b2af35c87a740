// A defence that only looks strong: the classifier rounds every pixel to 8 bits before it looks, x -> round(255 x) / 255.
// CIFAR-10 images are 8-bit already, so on a real image the model computes exactly what it did without the
// defence, and a perturbation moves it as much as before, less a rounding of under half a level. But rounding is
// flat almost everywhere: its gradient is zero, so the input gradient through the whole model is zero and every
// gradient attack (FGSM, PGD, APGD, C&W, DeepFool) sees nothing to follow. Robustness measured with them is gradient
// masking (Athalye, Carlini and Wagner 2018). The straight-through version (BPDA) computes the same forward pass and
// takes the rounding's gradient to be the identity's, which is what breaks it.
import * as tf from '@tensorflow/tfjs';
import type { ModelFn } from '../attacks/index.ts';
import { quantize } from '../lib/index.ts';

/** Rounding whose backward pass is the identity's (Backward Pass Differentiable Approximation). */
const straightThroughQuantise = tf.customGrad(((x: tf.Tensor) => ({
  value: quantize(x as tf.Tensor4D),
  gradFunc: (dy: tf.Tensor) => dy,
})) as unknown as Parameters<typeof tf.customGrad>[0]);

/** f behind the rounding: its gradient is zero, or (straightThrough) the gradient of f at the rounded image. */
export function quantisedInput(f: ModelFn, { straightThrough = false } = {}): ModelFn {
  return (x) => tf.tidy(() => f(straightThrough ? (straightThroughQuantise(x) as tf.Tensor4D) : quantize(x)));
}
