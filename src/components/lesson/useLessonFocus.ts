import { useEffect } from 'react';
import type { LessonFocus } from '../../state/lessonTypes.ts';

/** Room left between what covers the window's top and what a step points at. */
const MARGIN = 8;

/** The lowest edge of what covers the top of the window: the lesson bar where it sits there, the lab's images where they stick. */
function coveredTop(bar: HTMLElement, target: Element): number {
  let top = getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
  const panels = document.querySelector<HTMLElement>('.lab-panels');
  if (panels && !panels.contains(target) && getComputedStyle(panels).position === 'sticky')
    top = Math.max(top, panels.getBoundingClientRect().height);
  return top;
}

/** How long after a step shows its part is kept in view while the page settles (images, results arriving). */
const SETTLE_MS = 10_000;

/**
 * Brings what a step points at into view when the step shows, and only where it is not in view already: above the
 * lesson's sheet along the bottom of the window, and below the lab's images where those stick to the top (phones).
 * While the page settles (a link opened at this step is still loading; a result arrives and the panel grows) it is
 * placed again on every change of layout, until the user scrolls, types or touches, or SETTLE_MS pass.
 */
export function useLessonFocus(focus: LessonFocus | undefined, step: number, sheet: () => HTMLElement | null): void {
  useEffect(() => {
    if (!focus) return;
    const place = () => {
      const bar = sheet();
      const target = document.querySelector(`[data-lesson-focus="${focus}"]`);
      if (!bar || !target) return;
      const fixed = getComputedStyle(bar).position === 'fixed';
      const above = coveredTop(bar, target);
      const below = fixed ? bar.getBoundingClientRect().top : window.innerHeight;
      const box = target.getBoundingClientRect();
      // As little scrolling as brings it into view, so what was on screen with it stays; a part taller than the room
      // left shows from its top.
      const tall = box.height > below - above - 2 * MARGIN;
      const by = tall
        ? box.top >= above && box.top <= above + 4 * MARGIN
          ? 0
          : box.top - above - MARGIN
        : box.top < above
          ? box.top - above - MARGIN
          : box.bottom > below
            ? box.bottom - below + MARGIN
            : 0;
      if (by !== 0) window.scrollTo({ top: window.scrollY + by, behavior: 'instant' as ScrollBehavior });
    };
    // The part may render a moment after the step's state is applied (a panel the step un-hid).
    const id = requestAnimationFrame(place);
    const relayout = new ResizeObserver(() => requestAnimationFrame(place));
    relayout.observe(document.body);
    const stop = () => {
      relayout.disconnect();
      for (const e of USER_TAKES_OVER) window.removeEventListener(e, stop);
      clearTimeout(timer);
    };
    const timer = setTimeout(stop, SETTLE_MS);
    for (const e of USER_TAKES_OVER) window.addEventListener(e, stop, { passive: true });
    return () => {
      cancelAnimationFrame(id);
      stop();
    };
  }, [focus, step, sheet]);
}

/** Input that means the user moves the page themselves: from then on it is theirs. */
const USER_TAKES_OVER = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
