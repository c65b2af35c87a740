// The optimizers a training job can use, each able to take a new learning rate every step.
import * as tf from '@tensorflow/tfjs';

export type OptimizerKind = 'sgd' | 'adam';

export interface ScheduledOptimizer {
  readonly optimizer: tf.Optimizer;
  setLearningRate(lr: number): void;
  /** Frees the optimizer's state (momentum or moment estimates). */
  dispose(): void;
}

/** tfjs's Adam reads its learning rate at every update but offers no setter. */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}

/** tfjs's Momentum optimizer forgets to dispose its learning-rate scalar (SGD's `c`). */
class DisposingMomentum extends tf.MomentumOptimizer {
  override dispose(): void {
    super.dispose();
    this.c.dispose();
  }
}

/** SGD with (Nesterov) momentum, as the PyTorch recipes use; or Adam (beta 0.9, 0.999). */
export function createOptimizer(kind: OptimizerKind, learningRate: number, momentum = 0.9, nesterov = true): ScheduledOptimizer {
  if (kind === 'adam') {
    const adam = new ScheduledAdam(learningRate, 0.9, 0.999, 1e-8);
    return { optimizer: adam, setLearningRate: (lr) => adam.setLearningRate(lr), dispose: () => adam.dispose() };
  }
  const sgd = momentum > 0 ? new DisposingMomentum(learningRate, momentum, nesterov) : new tf.SGDOptimizer(learningRate);
  return { optimizer: sgd, setLearningRate: (lr) => sgd.setLearningRate(lr), dispose: () => sgd.dispose() };
}
