import { Gallery } from './gallery/Gallery.tsx';
import { SelectedImage } from './gallery/SelectedImage.tsx';
import { StatusLine } from './common/StatusLine.tsx';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Epsilon</h1>
        <p className="tagline">See, feel and teach adversarial examples: tiny changes that fool a neural network.</p>
      </header>
      <main className="app-main">
        <SelectedImage />
        <section className="gallery-panel" aria-labelledby="gallery-heading">
          <h2 id="gallery-heading">Gallery</h2>
          <Gallery />
        </section>
      </main>
      <StatusLine />
    </div>
  );
}
