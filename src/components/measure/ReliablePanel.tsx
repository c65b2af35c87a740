import { useId } from 'react';
import { useAppStore } from '../../state/store.ts';
import { cancelReliableFigure, measureReliableFigure } from '../../runtime/measure/index.ts';
import { marginOfError } from '../../evaluation/catalog.ts';
import { MeasurementControls } from './MeasurementControls.tsx';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const seconds = (s: number) => (s < 60 ? `${Math.max(1, Math.round(s))} s` : `${(s / 60).toFixed(1)} min`);

/**
 * The reliable figure: per image, the worst case of APGD-CE, APGD-T and Square (each on what the ones before
 * left), beside PGD-20 on the same images, so the reader sees how much PGD alone overstates.
 */
export function ReliablePanel() {
  const state = useAppStore((s) => s.measurements.reliable);
  const { n } = state;
  const r = state.result;
  const headingId = useId();
  const eps255 = Math.round(r.eps * 255);
  const clean = r.rows.find((f) => f.label === 'clean');
  const pgd = r.rows.find((f) => f.label === 'PGD-20');
  const stages = r.rows.filter((f) => f !== clean && f !== pgd);
  const last = stages.at(-1);
  const complete = state.status === 'done' && last !== undefined && stages.length === r.stages.length;
  return (
    <div className="reliable" aria-labelledby={headingId}>
      <h3 id={headingId}>The reliable figure</h3>
      <p className="muted small">
        PGD with a fixed step can overstate robustness. This measures, image by image, the worst case of AutoAttack&apos;s standard attacks at 8/255:
        APGD-CE on every image the model gets right, APGD-T on what it left, then Square, which uses no gradients, on what both left. An image counts
        as robust only if all three fail. PGD-20 runs on the same images for comparison.
      </p>
      <MeasurementControls
        state={state}
        models="one"
        // 100 images: a first figure in a few minutes on WASM; 500 for one to quote (about ±4 points).
        imageCounts={[100, 500, 1000]}
        labels={{ model: 'Model to measure', images: 'Number of images to measure on', progress: 'Reliable figure progress' }}
        start="Measure robustness"
        onStart={([id], images) => void measureReliableFigure(id!, images)}
        onCancel={cancelReliableFigure}
        cancelled="Cancelled: the figures measured so far are shown, and the last is not the worst case."
        testId="reliable"
        // What a lesson step points at: the controls, short enough to sit above the lesson sheet on a phone.
        focus="reliable"
      />
      {r.rows.length > 0 && (
        <table className="transfer-table" data-testid="reliable-table">
          <caption className="muted small">
            {r.modelName} at {eps255}/255, {n} held-out images
          </caption>
          <thead>
            <tr>
              <th scope="col">Attack</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Attacked</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((f) => {
              const stage = r.stages.findIndex((s) => s.label === f.label);
              return (
                <tr key={f.label} data-figure={f.label}>
                  <th scope="row">
                    {f.label === 'clean'
                      ? 'None (clean)'
                      : f.label === 'PGD-20'
                        ? 'PGD-20 alone'
                        : `${stage > 0 ? '+ ' : ''}${f.label} (${r.stages[stage]!.budget})`}
                  </th>
                  <td>{pct(f.accuracy)}</td>
                  <td>{f.label === 'clean' ? '—' : `${f.attacked} images`}</td>
                  <td>{seconds(f.seconds)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {complete && pgd && (
        <p data-testid="reliable-summary">
          Robust accuracy at {eps255}/255: <b>{pct(last.accuracy)}</b> ± {(100 * marginOfError(last.accuracy, n)).toFixed(1)} (95%, {n} images).{' '}
          {pgd.accuracy > last.accuracy
            ? `PGD-20 alone said ${pct(pgd.accuracy)}: it overstated ${r.modelName} by ${((pgd.accuracy - last.accuracy) * 100).toFixed(1)} points.`
            : `PGD-20 alone said ${pct(pgd.accuracy)}: on these images it did not overstate ${r.modelName}.`}
        </p>
      )}
    </div>
  );
}
