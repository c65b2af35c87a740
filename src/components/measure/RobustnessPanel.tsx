import { useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { PAGE_CURVE_PGD_STEPS, cancelRobustnessCurve, runRobustnessCurve } from '../../runtime/measure/index.ts';
import { RobustnessCurve } from '../charts/RobustnessCurve.tsx';
import { CURVE_ATTACK_LOOK } from '../charts/curveAttacks.ts';
import { CURVE_ATTACKS, type CurveAttack } from '../../evaluation/catalog.ts';
import { MeasurementControls } from './MeasurementControls.tsx';
import { ReliablePanel } from './ReliablePanel.tsx';

/** Accuracy against epsilon for several models at once, on the held-out evaluation images. */
export function RobustnessPanel() {
  const curve = useAppStore((s) => s.measurements.curve);
  const { series, seriesIsNew } = curve.result;
  const [attacks, setAttacks] = useState<CurveAttack[]>(['pgd']);
  const toggle = (a: CurveAttack) => setAttacks(attacks.includes(a) ? attacks.filter((x) => x !== a) : [...attacks, a]);
  return (
    <section className="panel robustness" aria-label="Robustness curve" data-lesson-focus="robustness">
      <h2>Robustness curve</h2>
      <p className="muted small">
        Accuracy on held-out CIFAR-10 test images as the attack budget grows from 0 to 16/255. A robust model's curve falls slowly; an undefended one
        falls to zero within a few /255. PGD uses {PAGE_CURVE_PGD_STEPS} steps of {2.5 / PAGE_CURVE_PGD_STEPS}ε with a random start; AutoAttack runs
        the three attacks of the reliable figure below at each ε, on the images no smaller ε fooled.
      </p>
      <MeasurementControls
        state={curve}
        models="many"
        // 20 images: a first curve in about a minute on WASM; more give a steadier one.
        imageCounts={[20, 100, 200, 500, 1000]}
        labels={{ images: 'Number of evaluation images', progress: 'Robustness curve progress' }}
        start="Draw the curve"
        onStart={(ids, images) => void runRobustnessCurve(ids, attacks, images)}
        onCancel={cancelRobustnessCurve}
        cancelled={
          seriesIsNew
            ? 'Cancelled: the curves measured so far are shown.'
            : series.length
              ? 'Cancelled before a curve was complete: the previous one is shown.'
              : 'Cancelled before a curve was complete.'
        }
        testId="curve"
        ready={attacks.length > 0}
      >
        <fieldset className="choices">
          <legend>Attacks</legend>
          {CURVE_ATTACKS.map((a) => (
            <label key={a} className="inline">
              <input type="checkbox" checked={attacks.includes(a)} onChange={() => toggle(a)} />
              {CURVE_ATTACK_LOOK[a].choice}
            </label>
          ))}
        </fieldset>
      </MeasurementControls>
      {curve.status === 'running' && !seriesIsNew && series.length > 0 && (
        <p className="muted small">The previous curve is shown until the new one has points.</p>
      )}
      {series.length > 0 && <RobustnessCurve series={series} />}
      <ReliablePanel />
    </section>
  );
}
