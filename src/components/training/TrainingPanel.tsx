import { useMemo } from 'react';
import { useAppStore } from '../../state/store.ts';
import { pauseTraining, resetToPretrained, resumeTraining, startTraining, stopTraining } from '../../runtime/training/index.ts';
import { TrainingSettingsForm } from './TrainingSettingsForm.tsx';
import { TrainingCharts } from '../charts/TrainingCharts.tsx';
import { GameChart } from '../charts/GameChart.tsx';
import { TradeoffPlane } from '../charts/TradeoffPlane.tsx';
import { PerClassBars } from '../charts/PerClassBars.tsx';
import { AdversarialStrip } from './AdversarialStrip.tsx';
import { TrainingPresets } from './TrainingPresets.tsx';
import { lossGap, priceNotice, whoIsAhead } from './gameWords.ts';
import { presetOf } from '../../state/trainingPresets.ts';
import { chosenMethod } from '../../state/trainingSlice.ts';
import { BACKEND_LABELS } from '../../state/backendSlice.ts';
import { formatTrainingEps, methodEps } from '../../training/catalog.ts';
import { marginOfError } from '../../evaluation/catalog.ts';
import { SHIPPED_HELD_OUT } from '../../model/shipped.ts';

const time = (ms: number | null) => {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** Adversarial training of the selected model, live, in this tab. */
export function TrainingPanel() {
  const training = useAppStore((s) => s.training);
  const history = useAppStore((s) => s.history);
  // The checks change every few dozen steps, the history every step: the plane redraws only with the checks (the
  // page's main thread shares the CPU with the training worker).
  const checkCount = useAppStore((s) => s.history.reduce((n, p) => n + (p.cleanAccuracy !== undefined ? 1 : 0), 0));
  const checks = useMemo(() => useAppStore.getState().history.filter((p) => p.cleanAccuracy !== undefined), [checkCount]);
  const game = useAppStore((s) => s.game);
  const strip = useAppStore((s) => s.strip);
  const finalCheck = useAppStore((s) => s.finalCheck);
  const settings = useAppStore((s) => s.trainingSettings);
  const base = useAppStore((s) => s.models.find((m) => m.id === (s.training.baseModelId ?? s.selectedModelId)));
  const backend = useAppStore((s) => (s.backend.status === 'ready' ? s.backend.info : null));
  const threads = useAppStore((s) => s.threadChoice.training);
  const runsOn = useAppStore((s) => s.trainingBackend);
  const last = history[history.length - 1];
  const lastEval = checks.at(-1);
  const active = training.status === 'running' || training.status === 'paused' || training.status === 'preparing' || training.status === 'checking';
  const ahead = whoIsAhead(game);
  const gap = lossGap(game);
  // Not after a stop that restored earlier weights: what fell was not the price of robustness, and it was undone.
  const restored = training.status === 'restored' || training.status === 'failed';
  const price = restored
    ? null
    : priceNotice({
        history,
        startClean: SHIPPED_HELD_OUT[training.baseModelId ?? '']?.clean ?? null,
        final: finalCheck,
        measured: presetOf(settings)?.measured ?? null,
        budget: settings.examples,
      });
  return (
    <section className="panel training" aria-label="Adversarial training">
      <h2>Adversarial training</h2>
      <p className="muted small">
        Fine-tunes a copy of <b>{base?.name ?? 'the selected model'}</b> on adversarial examples made on the fly. The shipped files are never changed;
        the copy appears in the model picker as “My model (from …)”, named after the model it started from, so the lab shows the same attack starting
        to fail.
      </p>
      {backend && !backend.float32RenderTargets && (
        <p className="error small">
          This GPU only has float16 render targets: training may go NaN. Epsilon will stop and restore the last good weights if it does.
        </p>
      )}
      <TrainingPresets locked={active} />
      <TrainingSettingsForm locked={active} />
      <div className="button-row training-buttons" data-lesson-focus="training">
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
        {active && training.status !== 'checking' && (
          <button type="button" className="secondary" onClick={stopTraining}>
            Stop
          </button>
        )}
        {training.status === 'checking' && (
          <button type="button" className="secondary" onClick={stopTraining}>
            Skip the final check
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void resetToPretrained()} disabled={active}>
          Reset to pretrained
        </button>
      </div>
      <div role="status" aria-live="polite" className="training-status" data-testid="training-status">
        <span>Status: {training.status}</span>
        {active && (
          <progress max={1} value={training.progress} aria-label={training.status === 'checking' ? 'Final check progress' : 'Training progress'} />
        )}
        {training.status === 'checking' && <span className="muted"> · final check: clean and PGD-10 on 500 held-out images</span>}
        {last && (
          <span className="muted">
            {' '}
            · {last.examples} examples · {last.imagesPerSecond.toFixed(1)} images/s · {time(last.elapsedMs)} elapsed · {time(training.etaMs)} left
          </span>
        )}
      </div>
      {runsOn && (
        <p className="muted small" data-testid="training-backend">
          {runsOn.where === 'worker'
            ? `Training runs in a worker on ${BACKEND_LABELS[runsOn.name]}`
            : `Training runs on the page (${BACKEND_LABELS[runsOn.name]})`}
          : {runsOn.reason}
        </p>
      )}
      {threads && runsOn?.name !== 'webgl' && runsOn?.name !== 'webgpu' && (
        <p className="muted small" data-testid="training-threads">
          WASM threads for training: {threads.reason}
        </p>
      )}
      {lastEval && (
        <p data-testid="training-accuracy">
          Held-out check ({lastEval.images} images, each figure good to ±{Math.round(100 * marginOfError(0.5, lastEval.images ?? 0))} points at most):
          clean {(lastEval.cleanAccuracy! * 100).toFixed(1)}%
          {lastEval.fgsmAccuracy !== undefined && <> · FGSM {(lastEval.fgsmAccuracy * 100).toFixed(1)}%</>} · {lastEval.attack ?? 'PGD'}{' '}
          {(lastEval.robustAccuracy! * 100).toFixed(1)}%
        </p>
      )}
      {finalCheck && (
        <p data-testid="final-check">
          Final check ({finalCheck.images} held-out images, {finalCheck.attack} at {formatTrainingEps(finalCheck.eps)}): clean{' '}
          {(finalCheck.cleanAccuracy * 100).toFixed(1)}% ± {(100 * marginOfError(finalCheck.cleanAccuracy, finalCheck.images)).toFixed(1)} · PGD{' '}
          {(finalCheck.robustAccuracy * 100).toFixed(1)}% ± {(100 * marginOfError(finalCheck.robustAccuracy, finalCheck.images)).toFixed(1)} (95%)
        </p>
      )}
      {training.message && (
        <p
          className={training.status === 'restored' || training.status === 'failed' ? 'error' : 'muted'}
          role={training.status === 'restored' || training.status === 'failed' ? 'alert' : undefined}
          data-testid="training-message"
        >
          {training.message}
        </p>
      )}
      {price && (
        <p className="notice small" data-testid="price-notice">
          {price}
        </p>
      )}
      {game.length > 0 && (
        <div className="training-game" aria-label="The game between attacker and model">
          <GameChart game={game} />
          <div className="game-words" data-testid="game-words">
            {ahead && <p>{ahead}</p>}
            {gap && <p className="muted small">{gap}</p>}
          </div>
          {strip && <AdversarialStrip strip={strip} />}
        </div>
      )}
      {history.length > 0 && <TrainingCharts history={history} />}
      <div className="training-price">
        <TradeoffPlane checks={checks} final={finalCheck} eps={finalCheck?.eps ?? methodEps(chosenMethod(settings))} />
        {finalCheck && <PerClassBars final={finalCheck} />}
      </div>
    </section>
  );
}
