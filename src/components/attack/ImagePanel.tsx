import type { ReactNode } from 'react';
import type { Prediction } from '../../state/labSlice.ts';
import { PixelImage } from '../common/PixelImage.tsx';
import { PredictionBars } from '../charts/PredictionBars.tsx';

interface Props {
  title: string;
  testId: string;
  pixels: Uint8Array | null;
  prediction: Prediction | null;
  classNames: string[];
  reference: number | null;
  caption?: ReactNode;
  placeholder?: string;
  /** Announce a new prediction to screen readers (a polite live region). */
  announce?: boolean;
  /** Shown dimmed: a result for other settings than those now chosen. */
  dimmed?: boolean;
  /** Under the caption and never dimmed: what a dimmed result is. */
  note?: ReactNode;
}

/** One of the lab's three panels: an image, what the model says it is, and the ten probabilities. */
export function ImagePanel({
  title,
  testId,
  pixels,
  prediction,
  classNames,
  reference,
  caption,
  placeholder,
  announce = false,
  dimmed = false,
  note,
}: Props) {
  const predName = prediction ? (classNames[prediction.pred] ?? String(prediction.pred)) : null;
  const dim = dimmed ? 'stale' : undefined;
  return (
    <section className="panel image-panel" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      <div className={dim}>
        {pixels ? (
          <PixelImage pixels={pixels} displaySize={192} label={title} className="panel-image" />
        ) : (
          <div className="panel-image placeholder muted">{placeholder ?? '—'}</div>
        )}
        {caption}
      </div>
      {note}
      {/* A live region must exist before its text changes for screen readers to announce the change. */}
      <div className={dim} aria-live={announce ? 'polite' : undefined} aria-atomic="true">
        {prediction && (
          <p className="prediction" data-testid={`${testId}-prediction`}>
            Model says <strong>{predName}</strong> ({(prediction.probs[prediction.pred]! * 100).toFixed(1)}%)
          </p>
        )}
      </div>
      {prediction && (
        <div className={dim}>
          <PredictionBars probs={prediction.probs} classNames={classNames} reference={reference} label={`${title}: class probabilities`} />
        </div>
      )}
    </section>
  );
}
