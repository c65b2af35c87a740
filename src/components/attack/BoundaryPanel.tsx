import { ProgressWithCancel } from '../common/ProgressWithCancel.tsx';
import { useAppStore } from '../../state/store.ts';
import { cleanKeyOf } from '../../state/labSlice.ts';
import { cancelBoundary, measureBoundary } from '../../runtime/lab/index.ts';

const show = (v: number | null | undefined, f: (n: number) => string) => (v === undefined ? '…' : v === null ? 'not found' : f(v));

/** How far this image is from being misclassified: three attacks' answers side by side. */
export function BoundaryPanel() {
  const boundary = useAppStore((s) => s.boundary);
  const key = useAppStore(cleanKeyOf);
  const b = boundary && boundary.for === key ? boundary : null;
  return (
    <section className="panel boundary" aria-label="Distance to the boundary">
      <h2>Distance to the boundary</h2>
      <p className="muted small">The smallest change that flips this model's answer, measured three ways.</p>
      {b?.status === 'running' ? (
        <ProgressWithCancel progress={b.progress} label="Boundary measurement progress" onCancel={cancelBoundary} />
      ) : (
        <button type="button" className="secondary" onClick={() => void measureBoundary()}>
          {b ? 'Measure again' : 'Measure'}
        </button>
      )}
      {b && (
        <dl className="numbers" data-testid="boundary">
          <div>
            <dt>Minimal PGD ε (L∞)</dt>
            <dd data-testid="boundary-pgd">{show(b.minimalEps, (v) => `${(v * 255).toFixed(2)}/255`)}</dd>
          </div>
          <div>
            <dt>DeepFool L2</dt>
            <dd data-testid="boundary-deepfool">{show(b.deepfoolL2, (v) => v.toFixed(3))}</dd>
          </div>
          <div>
            <dt>C&W L2</dt>
            <dd data-testid="boundary-cw">{show(b.cwL2, (v) => v.toFixed(3))}</dd>
          </div>
        </dl>
      )}
      {b?.status === 'failed' && (
        <p className="error" role="alert">
          {b.message}
        </p>
      )}
      {b?.status === 'cancelled' && <p className="muted">Cancelled.</p>}
    </section>
  );
}
