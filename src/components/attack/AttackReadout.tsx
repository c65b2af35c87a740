import { useAppStore } from '../../state/store.ts';
import { ATTACK_DESCRIPTORS } from '../../attacks/catalog.ts';
import { cancelAttack, rerunAttack, runAgain } from '../../runtime/lab/index.ts';
import { useOutcome } from './useOutcome.ts';
import { settingsText } from './EarlierResultNote.tsx';
import { IMAGE_BYTES } from '../../data/cifar10.ts';
import type { Verdict } from '../../state/verdict.ts';

/** Why "Success" reads as it does, where the verdict alone might not say. */
function successNote(v: Verdict): string | null {
  if (v.kind === 'already-wrong' || ('wasWrong' in v && v.wasWrong)) return 'the model was wrong before the attack';
  if (v.kind === 'already-target')
    return v.truth ? 'the goal is its true class, which the model already says' : 'the model said the target before the attack';
  if (v.kind === 'made-right') return 'the goal was its true class: the attack made the model right';
  if (v.kind === 'missed-changed') return 'the class changed, but not to the target';
  return null;
}

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/** Norms, success, steps, time, 8-bit survival; progress and Cancel while an attack runs. */
export function AttackReadout() {
  const { outcome, fresh } = useOutcome();
  const run = useAppStore((s) => s.run);
  const classNames = useAppStore((s) => s.classNames);
  const modelLoading = useAppStore((s) => s.models.find((m) => m.id === s.selectedModelId)?.status === 'loading');
  return (
    <section className="panel readout" aria-label="Attack result" data-lesson-focus="readout">
      <h2>Result</h2>
      <div className="run-line" role="status" aria-live="polite">
        {run.status === 'running' && (
          <>
            <progress max={1} value={run.progress} aria-label="Attack progress" />
            <span>Attacking… {Math.round(run.progress * 100)}%</span>
            <button type="button" onClick={cancelAttack}>
              Cancel
            </button>
          </>
        )}
        {run.status === 'failed' && (
          <span className="error" role="alert">
            The attack failed: {run.message}
          </span>
        )}
        {!fresh && run.status === 'cancelled' && (
          <>
            <span className="muted">
              Cancelled
              {outcome
                ? `: the result shown, dimmed, is the earlier one (${settingsText(outcome.config)}).`
                : ': nothing computed for these settings.'}
            </span>
            <button type="button" onClick={rerunAttack}>
              Run
            </button>
          </>
        )}
        {!fresh && run.status === 'idle' && outcome && (
          // The lab runs the attack on every change of settings, image or weights: idle with an older result means the
          // new run is on its way (settling, the model's weights arriving, live FGSM catching up), not that none will come.
          <span className="muted" data-testid="readout-waiting">
            {modelLoading ? 'Waiting for the model’s weights' : 'Updating'}: the result shown, dimmed, is the earlier one (
            {settingsText(outcome.config)}).
          </span>
        )}
        {run.status === 'idle' && fresh && outcome && outcome.kind !== 'fgsm' && (
          <>
            <button type="button" className="secondary" onClick={runAgain}>
              Run again
            </button>
            {outcome.seed !== undefined && (
              <span className="muted small" data-testid="random-draw">
                {outcome.seed === 0
                  ? 'Random start: the first draw (a link gives this one); Run again draws another.'
                  : `Random start: draw ${outcome.seed + 1}.`}
              </span>
            )}
          </>
        )}
      </div>
      {outcome && (
        <dl className={`numbers ${fresh ? '' : 'stale'}`} data-testid="readout">
          <div>
            <dt>Success</dt>
            <dd data-testid="readout-success">
              {outcome.success ? 'yes' : 'no'}
              {successNote(outcome.verdict) && <span className="muted"> ({successNote(outcome.verdict)})</span>}
            </dd>
          </div>
          <div>
            <dt>L∞</dt>
            <dd data-testid="readout-linf">
              {fmt(outcome.norms.linf, 4)} <span className="muted">({fmt(outcome.norms.linf * 255, 2)}/255)</span>
            </dd>
          </div>
          <div>
            <dt>L2</dt>
            <dd data-testid="readout-l2">{fmt(outcome.norms.l2, 3)}</dd>
          </div>
          <div>
            <dt>L0</dt>
            <dd data-testid="readout-l0">
              {outcome.norms.l0} <span className="muted">of {IMAGE_BYTES} values changed</span>
            </dd>
          </div>
          <div>
            <dt>{ATTACK_DESCRIPTORS[outcome.config.kind].counts === 'queries' ? 'Queries' : 'Steps'}</dt>
            <dd data-testid="readout-steps">{outcome.steps}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd data-testid="readout-time">
              {outcome.elapsedMs < 1
                ? 'under 1 ms'
                : outcome.elapsedMs < 1000
                  ? `${fmt(outcome.elapsedMs, 0)} ms`
                  : `${fmt(outcome.elapsedMs / 1000, 2)} s`}
            </dd>
          </div>
          <div>
            <dt>Saved as PNG (8-bit)</dt>
            <dd data-testid="readout-quantized">
              {outcome.quantizedSuccess ? 'still fools the model' : outcome.success ? 'no longer fools the model' : 'not adversarial'} (
              {classNames[outcome.quantized.pred]})
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
