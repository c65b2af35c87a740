import { useEffect, useRef } from 'react';
import { useAppStore } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';

/**
 * When the image changes (a click, Enter, an upload, a paste, a drop, a link), brings the lab's image panels into
 * view unless they already are: the gallery sits below them, and a choice with no visible effect looks broken.
 */
export function useRevealLab(): void {
  const key = useAppStore((s) => currentImage(s)?.key ?? null);
  const first = useRef(true);
  useEffect(() => {
    if (key === null) return;
    if (first.current) {
      first.current = false;
      return;
    }
    const panels = document.querySelector('.lab-panels');
    if (!panels) return;
    const box = panels.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight * 0.5) panels.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [key]);
}
