import { useEffect } from 'react';
import type { LessonFocus } from '../../state/lessonTypes.ts';

/** Room left between what covers the window's top and what a step points at. */
const MARGIN = 8;

/** The lowest edge of what covers the top of the window: the lesson bar where it sits there, the lab's images where they stick. */
function coveredTop(bar: HTMLElement, target: Element): number {
  let top = getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
  const panels = document.querySelector<HTMLElement>('.lab-panels');
  if (panels && !panels.contains(target) && getComputedStyle(panels).position === 'sticky') top = Math.max(top, panels.getBoundingClientRect().height);
  return top;
}

/**
 * Brings what a step points at into view when the step shows, and only where it is not in view already: above the
 * lesson's sheet along the bottom of the window, and below the lab's images where those stick to the top (phones).
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
      const fixed = getComputedStyle(bar).position === 'fixed';
      const above = coveredTop(bar, target);
      const below = fixed ? bar.getBoundingClientRect().top : window.innerHeight;
      const box = target.getBoundingClientRect();
      // As little scrolling as brings it into view, so what was on screen with it stays; a part taller than the room
      // left shows from its top.
      const tall = box.height > below - above - 2 * MARGIN;
      const by = tall ? (box.top >= above && box.top <= above + 4 * MARGIN ? 0 : box.top - above - MARGIN)
        : box.top < above ? box.top - above - MARGIN
        : box.bottom > below ? box.bottom - below + MARGIN
        : 0;
      if (by !== 0) window.scrollTo({ top: window.scrollY + by, behavior: 'instant' as ScrollBehavior });
    });
    return () => cancelAnimationFrame(id);
  }, [focus, step, sheet]);
}
