import { Gallery } from './gallery/Gallery.tsx';
import { ImageUpload } from './gallery/ImageUpload.tsx';
import { ModelPicker } from './model/ModelPicker.tsx';
import { OriginalPanel } from './attack/OriginalPanel.tsx';
import { StatusLine } from './common/StatusLine.tsx';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Epsilon</h1>
        <p className="tagline">See, feel and teach adversarial examples: tiny changes that fool a neural network.</p>
      </header>
      <main className="lab">
        <div className="lab-panels">
          <OriginalPanel />
        </div>
        <aside className="lab-side">
          <ModelPicker />
        </aside>
        <section className="gallery-panel" aria-labelledby="gallery-heading">
          <h2 id="gallery-heading">Choose an image</h2>
          <ImageUpload />
          <Gallery />
        </section>
      </main>
      <StatusLine />
    </div>
  );
}
