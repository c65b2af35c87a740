// Training objectives on logits. Cross-entropy is the attack engine's (one definition of it).
import * as tf from '@tensorflow/tfjs';
import { crossEntropy } from '../attacks/index.ts';

/** Mean cross-entropy of the labels over the batch: a scalar. */
export function meanCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(crossEntropy(logits, labels)) as tf.Scalar);
}

/** KL(softmax(p) || softmax(q)) per image, from logits: sum_i p_i (log p_i - log q_i). */
export function klDivergence(pLogits: tf.Tensor2D, qLogits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const logP = tf.logSoftmax(pLogits);
    return tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, tf.logSoftmax(qLogits))), 1) as tf.Tensor1D;
  });
}

/** Fraction of rows whose arg-max is the label: a scalar. */
export function batchAccuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32')) as tf.Scalar);
}
