import { useEffect } from 'react';
import { nextStep, previousStep } from '../../runtime/lessons/index.ts';

/** Controls that take these keys themselves keep them. */
const TAKES_KEYS = 'input, select, textarea, [contenteditable="true"]';

/**
 * While a lesson is open: the right and left arrows and PageDown/PageUp (what presentation clickers send) move
 * through its steps. With Shift the arrows are the presenter's epsilon keys (PresenterKeys).
 */
export function LessonKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || (e.target instanceof Element && e.target.closest(TAKES_KEYS))) return;
      const move = e.key === 'ArrowRight' || e.key === 'PageDown' ? nextStep : e.key === 'ArrowLeft' || e.key === 'PageUp' ? previousStep : null;
      if (!move) return;
      e.preventDefault();
      move();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
