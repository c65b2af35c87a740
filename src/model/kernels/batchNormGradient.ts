// BatchNorm's gradient without tfjs-core's Tile. tfjs's FusedBatchNorm gradient tiles the per-channel 1/sqrt(var+eps)
// to the activation's full shape before multiplying by dy; on WASM that Tile alone took about a quarter of a
// training-mode weight gradient (32 ms for each 32x32x32x32 activation). Broadcasting the same per-channel factor
// gives each element the same product, so the gradients are unchanged bit for bit.
import * as tf from '@tensorflow/tfjs';

type BatchNormAttrs = { varianceEpsilon: number };

export const fusedBatchNormGradient: tf.GradConfig = {
  kernelName: 'FusedBatchNorm',
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy, saved, attrs) => {
    const dyT = dy as tf.Tensor;
    const { varianceEpsilon } = attrs as unknown as BatchNormAttrs;
    const [x, mean, variance, scale] = saved as tf.Tensor[];
    const scaleValue = scale ?? tf.scalar(1);
    // The axes a per-channel (rank-1) statistic was broadcast over; none when the statistics have x's shape.
    const axes = mean!.rank === 1 ? x!.shape.slice(0, -1).map((_, i) => i) : [];
    const reduce = (t: tf.Tensor) => tf.reshape(axes.length ? tf.sum(t, axes) : t, mean!.shape);
    const xMinusMean = tf.sub(x!, mean!);
    const dyTimesScale = tf.mul(dyT, scaleValue);
    const invStd = tf.rsqrt(tf.add(variance!, tf.scalar(varianceEpsilon)));
    const minusHalfInvStdCubed = tf.mul(tf.mul(tf.mul(invStd, invStd), invStd), tf.scalar(-0.5));
    return {
      x: () => tf.reshape(tf.mul(tf.mul(dyT, invStd), scaleValue), x!.shape),
      mean: () => reduce(tf.mul(tf.mul(invStd, tf.scalar(-1)), dyTimesScale)),
      variance: () => reduce(tf.mul(tf.mul(minusHalfInvStdCubed, xMinusMean), dyTimesScale)),
      scale: () => reduce(tf.mul(dyT, tf.mul(xMinusMean, invStd))),
      offset: () => reduce(dyT),
    };
  },
};
