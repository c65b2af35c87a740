import { useMemo } from 'react';
import { useAppStore } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { amplification, amplifiedRgb, divergingRgb, toBytes } from '../../data/visualize.ts';
import { ImagePanel } from './ImagePanel.tsx';
import { useOutcome } from './useOutcome.ts';
import { PixelImage } from '../common/PixelImage.tsx';
import { verdictText, verdictTone } from '../../state/verdict.ts';
import { currentConfig } from '../../state/attackSlice.ts';
import { EarlierResultNote, epsText } from './EarlierResultNote.tsx';

/** The perturbation (amplified, factor written on it) and the adversarial image with its prediction. */
export function AdversarialPanels() {
  const { outcome, fresh, catchingUp } = useOutcome();
  const sliderEps = useAppStore((s) => epsText(currentConfig(s)));
  const classNames = useAppStore((s) => s.classNames);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const trueLabel = useAppStore((s) => currentImage(s)?.label ?? null);
  const cleanPred = useAppStore((s) => (s.clean && 'prediction' in s.clean ? s.clean.prediction.pred : null));
  const runStatus = useAppStore((s) => s.run.status);
  const showPerturbation = !view.hidden.includes('perturbation');
  const factor = outcome ? amplification(outcome.delta) : 1;
  const perturbationPixels = useMemo(
    () => (outcome ? (view.colormap === 'diverging' ? divergingRgb(outcome.delta, factor) : amplifiedRgb(outcome.delta, factor)) : null),
    [outcome, factor, view.colormap],
  );
  const adversarialPixels = useMemo(() => (outcome ? toBytes(outcome.adversarial) : null), [outcome]);
  const stale = outcome && !fresh ? 'stale' : '';
  return (
    <>
      {showPerturbation && (
        <section className={`panel image-panel ${stale}`} aria-label="Perturbation" data-testid="perturbation">
          <h2>Perturbation</h2>
          {perturbationPixels ? (
            <div className="amplified">
              <PixelImage pixels={perturbationPixels} displaySize={192} label={`Perturbation amplified ${factor} times`} className="panel-image" />
              <span className="factor-badge" data-testid="amplification">
                ×{factor}
              </span>
            </div>
          ) : (
            <div className="panel-image placeholder muted">—</div>
          )}
          <p className="muted small">
            {view.colormap === 'diverging' ? 'Red: brighter, blue: darker, white: unchanged' : 'Grey: unchanged; colours: the change per channel'},
            amplified ×{factor} so you can see it.
          </p>
          <label className="inline">
            <input
              type="checkbox"
              checked={view.colormap === 'diverging'}
              onChange={(e) => setView({ colormap: e.target.checked ? 'diverging' : 'amplified' })}
            />
            Diverging colour map
          </label>
        </section>
      )}
      <ImagePanel
        title="Adversarial"
        testId="adversarial"
        pixels={adversarialPixels}
        prediction={outcome?.prediction ?? null}
        classNames={classNames}
        reference={trueLabel ?? cleanPred}
        dimmed={stale !== ''}
        note={outcome && !fresh && <EarlierResultNote config={outcome.config} />}
        placeholder={runStatus === 'failed' ? 'No result' : runStatus === 'cancelled' ? 'Cancelled' : 'Attacking…'}
        caption={
          outcome && (
            <>
              <p className={`verdict ${verdictTone(outcome.verdict)}`} data-testid="verdict">
                {verdictText(outcome.verdict, classNames)}
              </p>
              {epsText(outcome.config) && (
                <p className="muted small" data-testid="outcome-eps">
                  at ε = {epsText(outcome.config)}
                  {catchingUp && ` (the slider is at ${sliderEps}: updating…)`}
                </p>
              )}
            </>
          )
        }
      />
    </>
  );
}
