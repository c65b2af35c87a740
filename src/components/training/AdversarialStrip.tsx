import { memo } from 'react';
import { CLASS_NAMES, IMAGE_BYTES } from '../../data/cifar10.ts';
import type { AdversarialStrip as Strip } from '../../state/trainingSlice.ts';
import { PixelImage } from '../common/PixelImage.tsx';

/** The latest watched batch's adversarial examples, each with its label and what the model answered. */
export const AdversarialStrip = memo(function AdversarialStrip({ strip }: { strip: Strip }) {
  const fooled = strip.predictions.filter((p, i) => p !== strip.labels[i]).length;
  return (
    <figure className="adversarial-strip" data-testid="adversarial-strip" aria-label="This batch's adversarial examples">
      <figcaption>
        What the attacker made at step {strip.step}: {fooled} of {strip.labels.length} shown fool the model
      </figcaption>
      <ol>
        {strip.labels.map((label, i) => {
          const said = strip.predictions[i]!;
          const wrong = said !== label;
          return (
            <li key={i} className={wrong ? 'fooled' : 'held'}>
              <PixelImage pixels={strip.images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES)} displaySize={56} label={null} />
              <span>{CLASS_NAMES[label]}</span>
              <span className={wrong ? 'error' : 'ok'}>{wrong ? `→ ${CLASS_NAMES[said]}` : 'held'}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
});
