import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { chooseUserImage } from '../../runtime/lab/index.ts';
import { PixelImage } from '../common/PixelImage.tsx';

/** The user's own image: file picker, drag-and-drop anywhere on the zone, or paste anywhere on the page. */
export function ImageUpload() {
  const upload = useAppStore((s) => s.upload);
  const source = useAppStore((s) => s.imageSource);
  const error = useAppStore((s) => s.uploadError);
  const useUpload = useAppStore((s) => s.useUpload);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const file = [...(e.clipboardData?.files ?? [])][0];
      if (file) void chooseUserImage(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  return (
    <section
      className={`panel upload ${dragging ? 'dragging' : ''}`}
      aria-label="Your own image"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void chooseUserImage(file);
      }}
    >
      <label htmlFor={inputId} className="file-button">
        Use your own image
      </label>
      <input
        id={inputId}
        type="file"
        accept="image/*"
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void chooseUserImage(file);
        }}
      />
      <span className="muted"> or drop or paste one here</span>
      {error && (
        <p className="error" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
      {upload && (
        <div className="crop-preview">
          <div className="crop-original" style={{ aspectRatio: `${upload.width} / ${upload.height}` }}>
            <img src={upload.previewUrl} alt={`Your image ${upload.name}`} />
            <div
              className="crop-box"
              aria-hidden="true"
              style={{
                left: `${(upload.crop.sx / upload.width) * 100}%`,
                top: `${(upload.crop.sy / upload.height) * 100}%`,
                width: `${(upload.crop.size / upload.width) * 100}%`,
                height: `${(upload.crop.size / upload.height) * 100}%`,
              }}
            />
          </div>
          <span aria-hidden="true">→</span>
          <button
            type="button"
            className="thumb"
            aria-pressed={source === 'upload'}
            onClick={useUpload}
            aria-label={`Attack your image ${upload.name}`}
          >
            <PixelImage pixels={upload.pixels} displaySize={64} label={null} className="upload-thumb" />
            <span className="thumb-label">32×32</span>
          </button>
          {upload.warning && <p className="muted">{upload.warning}</p>}
        </div>
      )}
    </section>
  );
}
