import { useAppStore } from '../state/store.ts';
import { useRevealLab } from './common/useRevealLab.ts';
import { PresenterKeys } from './common/PresenterKeys.tsx';
import { SkipLink } from './common/SkipLink.tsx';
import { Gallery } from './gallery/Gallery.tsx';
import { ImageUpload } from './gallery/ImageUpload.tsx';
import { ModelPicker } from './model/ModelPicker.tsx';
import { OriginalPanel } from './attack/OriginalPanel.tsx';
import { AdversarialPanels } from './attack/AdversarialPanels.tsx';
import { AttackControls } from './attack/AttackControls.tsx';
import { AttackReadout } from './attack/AttackReadout.tsx';
import { TrajectoryPanel } from './attack/TrajectoryPanel.tsx';
import { BoundaryPanel } from './attack/BoundaryPanel.tsx';
import { TransferPanel } from './attack/TransferPanel.tsx';
import { SharePanel } from './share/SharePanel.tsx';
import { Notice } from './common/Notice.tsx';
import { OfflineBanner } from './common/OfflineBanner.tsx';
import { StatusLine } from './common/StatusLine.tsx';
import { TrainingPanel } from './training/TrainingPanel.tsx';
import { RobustnessPanel } from './measure/RobustnessPanel.tsx';
import { CorruptionPanel } from './measure/CorruptionPanel.tsx';
import { LessonBar } from './lesson/LessonBar.tsx';
import { InsightSection } from './insight/InsightSection.tsx';

export function App() {
  const view = useAppStore((s) => s.view);
  useRevealLab();
  const shown = (part: (typeof view.hidden)[number]) => !view.hidden.includes(part);
  return (
    <div className={`app ${view.bigText ? 'big-text' : ''} ${view.hidden.includes('bars') ? 'hide-bars' : ''}`}>
      <SkipLink />
      {shown('header') && (
        <header className="app-header">
          <h1>Epsilon</h1>
          <p className="tagline">See, feel and teach adversarial examples: tiny changes that fool a neural network.</p>
        </header>
      )}
      <Notice />
      <OfflineBanner />
      <LessonBar />
      <PresenterKeys />
      <main id="lab" tabIndex={-1} className={`lab ${shown('model') || shown('controls') ? '' : 'no-side'}`}>
        <div className="lab-panels" data-lesson-focus="lab-images">
          <OriginalPanel />
          <AdversarialPanels />
        </div>
        {(shown('model') || shown('controls')) && (
          <aside className="lab-side">
            {shown('model') && <ModelPicker />}
            {shown('controls') && <AttackControls showExplanation={shown('explanation')} />}
          </aside>
        )}
        <div className="lab-results">
          {shown('readout') && <AttackReadout />}
          {shown('trajectory') && (
            <div data-part="trajectory">
              <TrajectoryPanel />
            </div>
          )}
          {shown('boundary') && <BoundaryPanel />}
          {shown('transfer') && <TransferPanel />}
          {shown('share') && <SharePanel />}
        </div>
        {shown('gallery') && (
          <section className="gallery-panel" aria-labelledby="gallery-heading">
            <h2 id="gallery-heading">Choose an image</h2>
            {shown('upload') && <ImageUpload />}
            <Gallery />
          </section>
        )}
      </main>
      <InsightSection />
      {(shown('training') || shown('robustness') || shown('corruptions')) && (
        <section className="train-and-measure" aria-label="Train and measure">
          {shown('training') && <TrainingPanel />}
          {shown('robustness') && <RobustnessPanel />}
          {shown('corruptions') && <CorruptionPanel />}
        </section>
      )}
      {shown('status') && <StatusLine />}
    </div>
  );
}
