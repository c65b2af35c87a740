import { useEffect } from 'react';
import type { LessonFocus } from '../../state/lessonTypes.ts';

/** Room left between the top of the window and what a step points at. */
const MARGIN = 8;

/**
 * Brings what a step points at into view when the step shows: where the lesson is a sheet over the bottom of the
 * window (presenter mode, phones), the part moves to the top, above the sheet; where the lesson sits at the top of
 * the page (a laptop), it stays there (sticky, while the step has a focus) and the part moves just below it.
 */
export function useLessonFocus(focus: LessonFocus | undefined, step: number, sheet: () => HTMLElement | null): void {
  useEffect(() => {
    if (!focus) return;
    const bar = sheet();
    if (!bar) return;
    // The part may render a moment after the step's state is applied (a panel the step un-hid).
    const id = requestAnimationFrame(() => {
      const target = document.querySelector(`[data-lesson-focus="${focus}"]`);
      if (!target) return;
      const above = getComputedStyle(bar).position === 'fixed' ? 0 : bar.getBoundingClientRect().height;
      window.scrollTo({ top: target.getBoundingClientRect().top + window.scrollY - above - MARGIN, behavior: 'instant' as ScrollBehavior });
    });
    return () => cancelAnimationFrame(id);
  }, [focus, step, sheet]);
}
