import { useState, type ReactNode } from 'react';
import { useAppStore } from '../../state/store.ts';
import type { MeasurementState } from '../../state/measurement.ts';
import { ROBUST_MODEL_ID, STANDARD_MODEL_ID } from '../../model/shipped.ts';
import { ProgressWithCancel } from '../common/ProgressWithCancel.tsx';
import { timeLeft } from '../common/timeLeft.ts';

export interface MeasurementControlsProps {
  state: MeasurementState<unknown>;
  /** 'one': a list of the picker's models, the lab's model first chosen; 'many': check boxes, the shipped pair chosen. */
  models: 'one' | 'many';
  /** The image counts offered, the first chosen. */
  imageCounts: readonly number[];
  /** What each control is called for assistive technology and the tests. */
  labels: { model?: string; images: string; progress: string };
  /** The start button's words. */
  start: string;
  onStart: (modelIds: string[], images: number) => void;
  onCancel: () => void;
  /** What a cancelled run leaves on screen, said for people. */
  cancelled: string;
  /** Prefix of the time-left line's test id (`${testId}-eta`). */
  testId: string;
  /** More choices the start depends on (the curve's attacks), between the models and the start. */
  children?: ReactNode;
  /** Whether those choices allow a start. */
  ready?: boolean;
  /** The lesson focus of the start row. */
  focus?: string;
}

/**
 * The controls every measurement shares: which models, how many held-out images, start; while it runs, progress
 * with Cancel and the time left; after it, the failed or cancelled line.
 */
export function MeasurementControls(p: MeasurementControlsProps) {
  const models = useAppStore((s) => s.models);
  const selectedId = useAppStore((s) => s.selectedModelId);
  const [picked, setPicked] = useState<string | null>(null);
  const [checked, setChecked] = useState<string[]>([STANDARD_MODEL_ID, ROBUST_MODEL_ID]);
  const [images, setImages] = useState(p.imageCounts[0]!);
  const one = picked !== null && models.some((m) => m.id === picked) ? picked : selectedId;
  const chosen = p.models === 'one' ? [one] : checked.filter((id) => models.some((m) => m.id === id));
  const s = p.state;
  const toggle = (id: string) => setChecked(checked.includes(id) ? checked.filter((x) => x !== id) : [...checked, id]);
  return (
    <>
      {p.models === 'many' && (
        <fieldset className="choices">
          <legend>Models</legend>
          {models.map((m) => (
            <label key={m.id} className="inline">
              <input type="checkbox" checked={checked.includes(m.id)} onChange={() => toggle(m.id)} />
              {m.name}
            </label>
          ))}
        </fieldset>
      )}
      {p.children}
      <div className="button-row" data-lesson-focus={p.focus}>
        {p.models === 'one' && (
          <label className="inline">
            Model
            <select value={one} onChange={(e) => setPicked(e.target.value)} aria-label={p.labels.model}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline">
          Images
          <select value={images} onChange={(e) => setImages(Number(e.target.value))} aria-label={p.labels.images}>
            {p.imageCounts.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {s.status !== 'running' && (
          <button type="button" className="primary" disabled={!chosen.length || p.ready === false} onClick={() => p.onStart(chosen, images)}>
            {p.start}
          </button>
        )}
      </div>
      {s.status === 'running' && (
        <>
          <ProgressWithCancel progress={s.progress} label={p.labels.progress} onCancel={p.onCancel} />
          <p className="muted small" data-testid={`${p.testId}-eta`}>
            {s.running && `Running ${s.running} · `}
            {timeLeft(s.progress, s.startedAt)}
          </p>
        </>
      )}
      {s.status === 'failed' && (
        <p className="error" role="alert">
          {s.message}
        </p>
      )}
      {s.status === 'cancelled' && (
        <p className="muted" role="status">
          {p.cancelled}
        </p>
      )}
    </>
  );
}
