import { useEffect, useRef } from 'react';
import { useAppStore } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { insightKeyOf } from '../../state/insightSlice.ts';
import { showGradients } from '../../runtime/insights/index.ts';
import { PixelImage } from '../common/PixelImage.tsx';
import { useImageSize } from './useImageSize.ts';
import { useInView } from './useInView.ts';

/** Each compared model's input gradient for the image on screen: robust ones outline the object, others are noise. */
export function GradientView() {
  // Field by field: currentImage builds a new object on every call.
  const key = useAppStore((s) => insightKeyOf(s, true));
  const pixels = useAppStore((s) => currentImage(s)?.pixels ?? null);
  const labelKnown = useAppStore((s) => currentImage(s)?.label !== null);
  const ready = useAppStore((s) => s.backend.status === 'ready');
  const gradients = useAppStore((s) => s.gradients);
  const classNames = useAppStore((s) => s.classNames);
  const size = useImageSize();
  const ref = useRef<HTMLElement>(null);
  const inView = useInView(ref);
  // Computed once the view is on screen, and again when the image changes (two gradients: cheap).
  useEffect(() => {
    if (key && ready && inView) void showGradients();
  }, [key, ready, inView]);
  const g = gradients && gradients.for === key ? gradients : null;
  return (
    <section ref={ref} className="panel insight gradient-view" aria-label="Input gradients" data-testid="gradient-view">
      <h2>Where the loss is sensitive</h2>
      <div className="gradient-body">
        <div className="gradient-words">
          <p className="insight-text">
            An adversarially trained model's gradient is perceptually aligned: it outlines the object, so changing the image to fool it means changing
            what it looks like (Tsipras et al. 2019; Santurkar et al. 2019). An undefended model's gradient looks like noise, which is why invisible
            noise fools it.
          </p>
          <p className="small muted">
            Gradient of the cross-entropy at the {labelKnown ? 'true label' : "model's answer"}, summed over colour channels. Middle: its size (white:
            most sensitive; the top 1% saturate). Right: <span className="red">red</span> where brightening a pixel raises the loss,{' '}
            <span className="blue">blue</span> where darkening it does, white where neither.
          </p>
        </div>
        {g?.status === 'running' && (
          <p className="muted" role="status">
            Computing the gradients…
          </p>
        )}
        {g?.status === 'failed' && (
          <p className="error" role="alert">
            {g.message}
          </p>
        )}
        {g?.status === 'done' && pixels && (
          <div className="gradient-grid" data-testid="gradient-maps">
            <span />
            <span className="small muted">image</span>
            <span className="small muted">|gradient|</span>
            <span className="small muted">signed</span>
            {g.maps.map((m) => (
              <div key={m.modelId} className="gradient-row" data-testid={`gradient-${m.modelId}`}>
                <span className="gradient-model">{m.name}</span>
                <PixelImage pixels={pixels} displaySize={size} label={null} className="insight-image" />
                <PixelImage
                  pixels={m.magnitude}
                  displaySize={size}
                  className="insight-image"
                  label={`Size of ${m.name}'s loss gradient for ${classNames[m.reference] ?? 'the class'}: bright where a change matters most`}
                />
                <PixelImage
                  pixels={m.signed}
                  displaySize={size}
                  className="insight-image"
                  label={`Sign of ${m.name}'s loss gradient: red where brightening raises the loss, blue where darkening does`}
                />
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
