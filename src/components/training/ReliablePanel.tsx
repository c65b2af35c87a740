import { useId, useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { cancelMeasureRobustness, measureRobustness } from '../../runtime/training/index.ts';
import { marginOfError } from '../../training/tradeoff.ts';
import { ProgressWithCancel } from '../common/ProgressWithCancel.tsx';
import { timeLeft } from '../common/timeLeft.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const seconds = (s: number) => (s < 60 ? `${Math.max(1, Math.round(s))} s` : `${(s / 60).toFixed(1)} min`);

/**
 * "Measure robustness": per image, the worst case of APGD-CE, APGD-T and Square (each on what the ones before
 * left), beside PGD-20 on the same images, so the reader sees how much PGD alone overstates.
 */
export function ReliablePanel() {
  const models = useAppStore((s) => s.models);
  const selectedId = useAppStore((s) => s.selectedModelId);
  const r = useAppStore((s) => s.reliable);
  const [modelId, setModelId] = useState<string | null>(null);
  // 100 images: a first figure in a few minutes on WASM; 500 for one to quote (about ±4 points).
  const [images, setImages] = useState(100);
  const headingId = useId();
  const chosen = modelId !== null && models.some((m) => m.id === modelId) ? modelId : selectedId;
  const eps255 = Math.round(r.eps * 255);
  const clean = r.figures.find((f) => f.label === 'clean');
  const pgd = r.figures.find((f) => f.label === 'PGD-20');
  const stages = r.figures.filter((f) => f !== clean && f !== pgd);
  const last = stages.at(-1);
  const complete = r.status === 'done' && last !== undefined && stages.length === r.stages.length;
  return (
    <div className="reliable" aria-labelledby={headingId}>
      <h3 id={headingId}>A figure that holds</h3>
      <p className="muted small">
        PGD with a fixed step can overstate robustness. This measures, image by image, the worst case of AutoAttack&apos;s standard attacks
        at 8/255: APGD-CE on every image the model gets right, APGD-T on what it left, then Square, which uses no gradients, on what both
        left. An image counts as robust only if all three fail. PGD-20 runs on the same images for comparison.
      </p>
      {/* What a lesson step points at: the controls, short enough to sit above the lesson sheet on a phone. */}
      <div className="button-row" data-lesson-focus="reliable">
        <label className="inline">
          Model
          <select value={chosen} onChange={(e) => setModelId(e.target.value)} aria-label="Model to measure">
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Images
          <select value={images} onChange={(e) => setImages(Number(e.target.value))} aria-label="Number of images to measure on">
            {[100, 500, 1000].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {r.status !== 'running' && (
          <button type="button" className="primary" onClick={() => void measureRobustness(chosen, images)}>
            Measure robustness
          </button>
        )}
      </div>
      {r.status === 'running' && (
        <>
          <ProgressWithCancel progress={r.progress} label="Robustness measurement progress" onCancel={cancelMeasureRobustness} />
          <p className="muted small" data-testid="reliable-eta">
            {r.running && `Running ${r.running} · `}
            {timeLeft(r.progress, r.startedAt)}
          </p>
        </>
      )}
      {r.status === 'failed' && <p className="error" role="alert">{r.message}</p>}
      {r.status === 'cancelled' && <p className="muted" role="status">Cancelled: the figures measured so far are shown, and the last is not the worst case.</p>}
      {r.figures.length > 0 && (
        <table className="transfer-table" data-testid="reliable-table">
          <caption className="muted small">
            {r.modelName} at {eps255}/255, {r.n} held-out images
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
            {r.figures.map((f) => {
              const stage = r.stages.findIndex((s) => s.label === f.label);
              return (
                <tr key={f.label} data-figure={f.label}>
                  <th scope="row">
                    {f.label === 'clean' ? 'None (clean)' : f.label === 'PGD-20' ? 'PGD-20 alone' : `${stage > 0 ? '+ ' : ''}${f.label} (${r.stages[stage]!.budget})`}
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
          Robust accuracy at {eps255}/255: <b>{pct(last.accuracy)}</b> ± {(100 * marginOfError(last.accuracy, r.n)).toFixed(1)} (95%, {r.n} images).{' '}
          {pgd.accuracy > last.accuracy
            ? `PGD-20 alone said ${pct(pgd.accuracy)}: it overstated ${r.modelName} by ${((pgd.accuracy - last.accuracy) * 100).toFixed(1)} points.`
            : `PGD-20 alone said ${pct(pgd.accuracy)}: on these images it did not overstate ${r.modelName}.`}
        </p>
      )}
    </div>
  );
}
