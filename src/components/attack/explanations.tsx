import type { ReactNode } from 'react';
import { APGD_T_CLASSES, type AttackKind } from '../../attacks/catalog.ts';

/** A short, correct account of each attack: what it computes and what its knobs do. */
export const EXPLANATIONS: Record<AttackKind, { title: string; body: ReactNode }> = {
  fgsm: {
    title: 'Fast Gradient Sign Method (Goodfellow et al., 2015)',
    body: (
      <>
        <p>
          One step uphill on the loss: <code>x′ = clip(x + ε · sign(∇ₓ L(x, y)))</code> for L∞, or <code>x + ε · g / ‖g‖₂</code> for L2. The gradient
          is computed once; dragging ε slides along that same direction, which is why the slider is instant.
        </p>
        <p>
          <b>Epsilon</b> is the largest change to any pixel channel (in /255 for L∞). Targeted: step <i>down</i> the loss of the target class instead.
          One step is cheap and often enough against an undefended model, but it is not the worst case: PGD at the same ε usually does better.
        </p>
      </>
    ),
  },
  pgd: {
    title: 'Projected Gradient Descent (Madry et al., 2018)',
    body: (
      <>
        <p>
          FGSM repeated: start at a random point of the ε-ball, take <b>steps</b> of size <b>α</b> along the gradient sign, and after each step
          project back into the ε-ball around x and into [0,1]: <code>x ← Π(x + α · sign(∇ₓ L))</code>.
        </p>
        <p>
          <b>Restarts</b> run it again from new random starts and keep the best result per image. PGD is the standard yardstick of robustness: a model
          that survives PGD-20 at 8/255 is robust in the usual sense. Without random start it moves at most α × steps from x.
        </p>
      </>
    ),
  },
  apgd: {
    title: 'Auto-PGD (Croce and Hein, 2020)',
    body: (
      <>
        <p>
          PGD without a step size to tune. It starts at a random point of the ε-ball with steps of 2ε, carries momentum from one step to the next, and
          at checkpoints (after 22% of the <b>steps</b>, then more often) halves the step for an image whose loss has stopped rising, restarting it
          from its best point so far. An image stops once it is fooled.
        </p>
        <p>
          <b>Loss</b>: cross-entropy (APGD-CE), or the difference of logits ratio (APGD-DLR), which divides the logit margin by the spread of the top
          logits, so that a model cannot look robust by scaling its logits. APGD-T aims the ratio at one class at a time, the {APGD_T_CLASSES} classes
          the model ranks next after its answer, in turn, and counts any change of class: aiming finds points that a loss pulled towards the nearest
          class misses. All three are part of AutoAttack, the standard for robustness figures that hold: where APGD leaves fewer images standing than
          PGD, PGD overstated the model.
        </p>
      </>
    ),
  },
  square: {
    title: 'Square Attack (Andriushchenko et al., 2020)',
    body: (
      <>
        <p>
          An attacker that never sees a gradient: it only asks the model for its answer (the logits) and keeps what lowers the model&apos;s margin. It
          starts from vertical stripes of ±ε, then each query redraws one square window of the change with a fresh ±ε per colour channel, and keeps
          the window only if the model&apos;s margin for the true class fell. The windows start large (<b>window share</b> of the image) and shrink as
          the <b>queries</b> are spent. For L2 the change keeps its full length ε and each query moves a window&apos;s share of it (a simpler form of
          the paper&apos;s window pairs).
        </p>
        <p>
          It is slower per image than a gradient attack, but a defence cannot hide from it by breaking or hiding its gradients: where Square fools a
          model that PGD could not, PGD&apos;s figure was not robustness. The readout counts the queries it used; an image stops being queried once it
          is fooled.
        </p>
      </>
    ),
  },
  deepfool: {
    title: 'DeepFool (Moosavi-Dezfooli et al., 2016)',
    body: (
      <>
        <p>
          Not a fixed budget but a search for the <i>nearest</i> decision boundary. At each step it linearises the logit differences f<sub>k</sub> − f
          <sub>orig</sub> for the top <b>candidate classes</b>, jumps to the closest linearised boundary, and stops as soon as the label flips (at
          most <b>steps</b> times).
        </p>
        <p>
          <b>Overshoot</b> scales the total perturbation by (1 + overshoot) to land just past the boundary. Its L2 size estimates the distance to the
          boundary: small for undefended models.
        </p>
      </>
    ),
  },
  cw: {
    title: 'Carlini-Wagner L2 (Carlini and Wagner, 2017)',
    body: (
      <>
        <p>
          An optimisation: minimise{' '}
          <code>
            ‖x′ − x‖₂² + c · max(Z<sub>y</sub> − max<sub>i≠y</sub> Z<sub>i</sub>, −κ)
          </code>{' '}
          over x′ = (tanh(w) + 1) / 2, which keeps pixels in [0,1] without clipping. Adam with the <b>learning rate</b> runs <b>steps</b> per value of
          c; a <b>binary search</b> over c (from <b>initial c</b>) finds the smallest c that still fools the model.
        </p>
        <p>
          <b>Confidence κ</b> demands a logit margin, which makes examples transfer better. It keeps the smallest successful perturbation found and
          returns the image unchanged when nothing succeeds. Slow but precise.
        </p>
      </>
    ),
  },
};
