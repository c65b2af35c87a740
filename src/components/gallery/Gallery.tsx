import { useAppStore } from '../../state/store.ts';
import { PixelImage } from '../common/PixelImage.tsx';

/** The CIFAR-10 test images to attack: a grid of thumbnails with their class names. */
export function Gallery() {
  const gallery = useAppStore((s) => s.gallery);
  const classNames = useAppStore((s) => s.classNames);
  // After an upload the gallery's selection is kept for later, but the upload is what is shown.
  const selectedId = useAppStore((s) => (s.imageSource === 'gallery' ? s.selectedId : null));
  const selectImage = useAppStore((s) => s.selectImage);

  if (gallery.status === 'loading')
    return (
      <p className="muted" role="status">
        Loading the CIFAR-10 gallery…
      </p>
    );
  if (gallery.status === 'failed')
    return (
      <p className="error" role="alert">
        The gallery could not load: {gallery.message}
      </p>
    );

  return (
    <ul className="gallery" aria-label="CIFAR-10 test images">
      {gallery.images.map((img) => {
        const name = classNames[img.label] ?? `class ${img.label}`;
        return (
          <li key={img.id}>
            <button
              type="button"
              className="thumb"
              aria-pressed={img.id === selectedId}
              aria-label={`${name}, CIFAR-10 test image ${img.sourceIndex}`}
              data-source-index={img.sourceIndex}
              onClick={() => selectImage(img.id)}
            >
              <PixelImage pixels={img.pixels} displaySize={64} label={null} />
              <span className="thumb-label">{name}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
