import { useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { PAGE_CURVE_PGD_STEPS, cancelRobustnessCurve, runRobustnessCurve } from '../../runtime/training/index.ts';
import { RobustnessCurve } from '../charts/RobustnessCurve.tsx';
import { CURVE_ATTACK_LOOK } from '../charts/curveAttacks.ts';
import { CURVE_ATTACKS, type CurveAttack } from '../../training/index.ts';
import { ROBUST_MODEL_ID, STANDARD_MODEL_ID } from '../../model/shipped.ts';
import { timeLeft } from '../common/timeLeft.ts';
import { ReliablePanel } from './ReliablePanel.tsx';

/** Accuracy against epsilon for several models at once, on the held-out evaluation images. */
export function RobustnessPanel() {
  const models = useAppStore((s) => s.models);
  const curve = useAppStore((s) => s.curve);
  const [chosen, setChosen] = useState<string[]>([STANDARD_MODEL_ID, ROBUST_MODEL_ID]);
  const [attacks, setAttacks] = useState<CurveAttack[]>(['pgd']);
  // 20 images: a first curve in about a minute on WASM; more give a steadier one.
  const [images, setImages] = useState(20);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  return (
    <section className="panel robustness" aria-label="Robustness curve" data-lesson-focus="robustness">
      <h2>Robustness curve</h2>
      <p className="muted small">
        Accuracy on held-out CIFAR-10 test images as the attack budget grows from 0 to 16/255. A robust model's curve falls slowly; an
        undefended one falls to zero within a few /255. PGD uses {PAGE_CURVE_PGD_STEPS} steps of {2.5 / PAGE_CURVE_PGD_STEPS}ε with a random start; AutoAttack runs the
        three attacks of “Measure robustness” below at each ε, on the images no smaller ε fooled.
      </p>
      <fieldset className="choices">
        <legend>Models</legend>
        {models.map((m) => (
          <label key={m.id} className="inline">
            <input type="checkbox" checked={chosen.includes(m.id)} onChange={() => setChosen(toggle(chosen, m.id))} />
            {m.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="choices">
        <legend>Attacks</legend>
        {CURVE_ATTACKS.map((a) => (
          <label key={a} className="inline">
            <input type="checkbox" checked={attacks.includes(a)} onChange={() => setAttacks(toggle(attacks, a))} />
            {CURVE_ATTACK_LOOK[a].choice}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        Images
        <select value={images} onChange={(e) => setImages(Number(e.target.value))} aria-label="Number of evaluation images">
          {[20, 100, 200, 500, 1000].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div className="button-row">
        {curve.status === 'running' ? (
          <>
            <progress max={1} value={curve.progress} aria-label="Robustness curve progress" />
            <span className="muted small" data-testid="curve-eta">{timeLeft(curve.progress, curve.startedAt)}</span>
            <button type="button" className="secondary" onClick={cancelRobustnessCurve}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="primary" disabled={!chosen.length || !attacks.length} onClick={() => void runRobustnessCurve(chosen.filter((id) => models.some((m) => m.id === id)), attacks, images)}>
            Draw the curve
          </button>
        )}
      </div>
      {curve.status === 'failed' && <p className="error" role="alert">{curve.message}</p>}
      {curve.status === 'cancelled' && (
        <p className="muted" role="status">
          {curve.seriesIsNew ? 'Cancelled: the curves measured so far are shown.' : curve.series.length ? 'Cancelled before a curve was complete: the previous one is shown.' : 'Cancelled before a curve was complete.'}
        </p>
      )}
      {curve.status === 'running' && !curve.seriesIsNew && curve.series.length > 0 && <p className="muted small">The previous curve is shown until the new one has points.</p>}
      {curve.series.length > 0 && <RobustnessCurve series={curve.series} />}
      <ReliablePanel />
    </section>
  );
}
