import { ProgressWithCancel } from '../common/ProgressWithCancel.tsx';
import { useAppStore } from '../../state/store.ts';
import { insightKeyOf } from '../../state/insightSlice.ts';
import { cancelLandscape, drawLandscape, LANDSCAPE_RADIUS, LANDSCAPE_SIZE } from '../../runtime/insights/index.ts';
import { LandscapeLegend } from './LandscapeLegend.tsx';
import { LandscapeMapView } from './LandscapeMapView.tsx';
import { LossAlongChart } from './LossAlongChart.tsx';

/**
 * Each compared model's answers (the shipped pair, and yours when the lab shows it) over a plane through the image:
 * how far the attack must go before it flips.
 */
export function DecisionLandscape() {
  const key = useAppStore((s) => insightKeyOf(s, false));
  const landscape = useAppStore((s) => s.landscape);
  const classNames = useAppStore((s) => s.classNames);
  const ready = useAppStore((s) => s.backend.status === 'ready');
  const l = landscape && landscape.for === key ? landscape : null;
  const r = Math.round(LANDSCAPE_RADIUS * 255);
  return (
    <section className="panel insight decision-landscape" aria-label="Decision landscape" data-testid="decision-landscape">
      <h2>Decision landscape</h2>
      <p className="insight-text">
        Each square is the model's answer on a {LANDSCAPE_SIZE}×{LANDSCAPE_SIZE} grid of images around this one, moved up to ±{r}/255 along the attack
        direction (left to right) and along a random direction (bottom to top); darker means less sure. Typically the undefended model's region ends a
        hair away along the attack, and the robust model's is wide.
      </p>
      {l?.status === 'running' ? (
        <ProgressWithCancel progress={l.progress} label="Landscape progress" onCancel={cancelLandscape} />
      ) : (
        <button type="button" className="secondary" disabled={!ready || key === null} onClick={() => void drawLandscape()}>
          {l?.maps.length ? 'Draw again' : 'Draw the landscape'}
        </button>
      )}
      {l && (
        <p className="small muted" data-testid="landscape-direction">
          Attack axis: {l.direction}. Marked: <span className="key-centre">○</span> the image, <span className="key-adversarial">◆</span> {l.marker}.
        </p>
      )}
      {l?.status === 'failed' && (
        <p className="error" role="alert">
          {l.message}
        </p>
      )}
      {l?.status === 'cancelled' && <p className="muted">Cancelled.</p>}
      {l && l.maps.length > 0 && (
        <>
          <div className="landscape-row">
            {l.maps.map((m) => (
              <LandscapeMapView key={m.modelId} map={m} classNames={classNames} markerLabel={l.marker} />
            ))}
            <LossAlongChart maps={l.maps} referenceName={classNames[l.reference] ?? "each model's answer"} />
          </div>
          <LandscapeLegend classNames={classNames} />
        </>
      )}
    </section>
  );
}
