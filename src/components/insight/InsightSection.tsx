import { useAppStore } from '../../state/store.ts';
import { DecisionLandscape } from './DecisionLandscape.tsx';
import { GradientView } from './GradientView.tsx';
import { PresetButtons } from './PresetButtons.tsx';
import './insight.css';

/** Why attacks work: the gradient view and the decision landscape, each hideable (hide=gradient,landscape). */
export function InsightSection() {
  const hidden = useAppStore((s) => s.view.hidden);
  const gradient = !hidden.includes('gradient');
  const landscape = !hidden.includes('landscape');
  if (!gradient && !landscape) return null;
  return (
    <section className="insights" aria-labelledby="insights-heading">
      <div className="insights-head">
        <h2 id="insights-heading">Why attacks work</h2>
        <PresetButtons />
      </div>
      {gradient && <GradientView />}
      {landscape && <DecisionLandscape />}
    </section>
  );
}
