import { useAppStore } from '../../state/store.ts';
import { pauseTraining, resetToPretrained, resumeTraining, startTraining, stopTraining } from '../../runtime/training/index.ts';
import { TrainingSettingsForm } from './TrainingSettingsForm.tsx';
import { TrainingCharts } from '../charts/TrainingCharts.tsx';

const time = (ms: number | null) => {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** Adversarial training of the selected model, live, in this tab. */
export function TrainingPanel() {
  const training = useAppStore((s) => s.training);
  const history = useAppStore((s) => s.history);
  const base = useAppStore((s) => s.models.find((m) => m.id === (s.training.baseModelId ?? s.selectedModelId)));
  const backend = useAppStore((s) => (s.backend.status === 'ready' ? s.backend.info : null));
  const last = history[history.length - 1];
  const lastEval = [...history].reverse().find((p) => p.cleanAccuracy !== undefined);
  const active = training.status === 'running' || training.status === 'paused' || training.status === 'preparing';
  return (
    <section className="panel training" aria-label="Adversarial training">
      <h2>Adversarial training</h2>
      <p className="muted small">
        Fine-tunes a copy of <b>{base?.name ?? 'the selected model'}</b> on adversarial examples made on the fly. The shipped files are never
        changed; the copy appears in the model picker as “My model (from …)”, named after the model it started from, so the lab shows the same attack starting to fail.
      </p>
      {backend && !backend.float32RenderTargets && (
        <p className="error small">This GPU only has float16 render targets: training may go NaN. Epsilon will stop and restore the last good weights if it does.</p>
      )}
      <TrainingSettingsForm locked={active} />
      <div className="button-row training-buttons">
        {!active && (
          <button type="button" onClick={() => void startTraining()} className="primary">
            Start
          </button>
        )}
        {training.status === 'running' && (
          <button type="button" className="secondary" onClick={pauseTraining}>
            Pause
          </button>
        )}
        {training.status === 'paused' && (
          <button type="button" className="secondary" onClick={resumeTraining}>
            Resume
          </button>
        )}
        {active && (
          <button type="button" className="secondary" onClick={stopTraining}>
            Stop
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void resetToPretrained()} disabled={active}>
          Reset to pretrained
        </button>
      </div>
      <div role="status" aria-live="polite" className="training-status" data-testid="training-status">
        <span>Status: {training.status}</span>
        {active && <progress max={1} value={training.progress} aria-label="Training progress" />}
        {last && (
          <span className="muted">
            {' '}
            · {last.examples} examples · {last.imagesPerSecond.toFixed(1)} images/s · {time(last.elapsedMs)} elapsed · {time(training.etaMs)} left
          </span>
        )}
      </div>
      {lastEval && (
        <p data-testid="training-accuracy">
          Held-out: clean {(lastEval.cleanAccuracy! * 100).toFixed(1)}% · PGD {(lastEval.robustAccuracy! * 100).toFixed(1)}%
        </p>
      )}
      {training.message && (
        <p className={training.status === 'restored' || training.status === 'failed' ? 'error' : 'muted'} role={training.status === 'restored' || training.status === 'failed' ? 'alert' : undefined} data-testid="training-message">
          {training.message}
        </p>
      )}
      {history.length > 0 && <TrainingCharts history={history} />}
    </section>
  );
}
