import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { cleanKeyOf } from '../../state/labSlice.ts';
import { ImagePanel } from './ImagePanel.tsx';

export function OriginalPanel() {
  const image = useAppStore(useShallow(currentImage));
  const classNames = useAppStore((s) => s.classNames);
  const clean = useAppStore((s) => s.clean);
  const key = useAppStore(cleanKeyOf);
  // Until the gallery arrives no image can be shown, even one a link has chosen: say it is coming, not "pick one".
  const galleryStatus = useAppStore((s) => s.gallery.status);
  const placeholder =
    galleryStatus === 'loading' ? 'Loading the image…' : galleryStatus === 'failed' ? 'No image: the gallery could not load' : 'Pick an image';
  const fresh = clean && key !== null && clean.for === key ? clean : null;
  const caption = image && (
    <p className="selected-caption" data-testid="selected-label">
      {image.label !== null ? (
        <>
          True label: <strong>{classNames[image.label]}</strong> <span className="muted">({image.source})</span>
        </>
      ) : (
        <>Your image: {image.source} (no true label: the clean prediction is the reference)</>
      )}
    </p>
  );
  return (
    <>
      <ImagePanel
        title="Original"
        testId="original"
        announce
        pixels={image?.pixels ?? null}
        prediction={fresh && 'prediction' in fresh ? fresh.prediction : null}
        classNames={classNames}
        reference={image?.label ?? null}
        caption={caption}
        placeholder={placeholder}
      />
      {fresh && 'error' in fresh && (
        <p className="error" role="alert">
          The model could not classify this image: {fresh.error}
        </p>
      )}
    </>
  );
}
