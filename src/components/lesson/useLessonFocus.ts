import { useEffect } from 'react';
import type { LessonFocus } from '../../state/lessonTypes.ts';

/** Room left between the top of the window and what a step points at. */
const MARGIN = 8;

/**
 * Brings what a step points at into view when the step shows: where the lesson is a sheet over the bottom of the
 * window (presenter mode, phones), the part moves to the top, above the sheet. Where the lesson sits in the page
 * the window stays put, so the step's text stays on screen.
 */
export function useLessonFocus(focus: LessonFocus | undefined, step: number, sheet: () => HTMLElement | null): void {
  useEffect(() => {
    if (!focus) return;
    const bar = sheet();
    if (!bar || getComputedStyle(bar).position !== 'fixed') return;
    // The part may render a moment after the step's state is applied (a panel the step un-hid).
    const id = requestAnimationFrame(() => {
      const target = document.querySelector(`[data-lesson-focus="${focus}"]`);
      if (target) window.scrollTo({ top: target.getBoundingClientRect().top + window.scrollY - MARGIN, behavior: 'instant' as ScrollBehavior });
    });
    return () => cancelAnimationFrame(id);
  }, [focus, step, sheet]);
}
