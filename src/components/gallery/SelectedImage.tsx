import { useAppStore } from '../../state/store.ts';
import { selectedImage } from '../../state/gallerySlice.ts';
import { PixelImage } from '../common/PixelImage.tsx';

/** The chosen image, large, with its true label. */
export function SelectedImage() {
  const image = useAppStore(selectedImage);
  const classNames = useAppStore((s) => s.classNames);
  if (!image) return <section className="selected" aria-label="Selected image"><p className="muted">Pick an image from the gallery.</p></section>;
  const name = classNames[image.label] ?? `class ${image.label}`;
  return (
    <section className="selected" aria-label="Selected image">
      <PixelImage pixels={image.pixels} displaySize={256} label={`Selected image: ${name}`} className="selected-image" />
      <p className="selected-caption" data-testid="selected-label">
        True label: <strong>{name}</strong> <span className="muted">(CIFAR-10 test image {image.sourceIndex})</span>
      </p>
    </section>
  );
}
