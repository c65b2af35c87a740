import { useEffect } from 'react';
import { useAppStore } from '../../state/store.ts';
import { currentConfig } from '../../state/attackSlice.ts';
import { parameterSpec } from '../../attacks/catalog.ts';
import { runAgain } from '../../runtime/lab/index.ts';

/** Keys for a demo: they act on the page unless a control that takes the same keys has the focus. */
const TAKES_KEYS = 'input, select, textarea, [contenteditable="true"]';

/** Moves epsilon by one step of its control (clamped to the control's range). */
function nudgeEps(direction: 1 | -1): boolean {
  const s = useAppStore.getState();
  const config = currentConfig(s);
  if (!('eps' in config)) return false;
  const spec = parameterSpec(config.kind, 'eps', config.norm);
  if (spec?.type !== 'number') return false;
  // On the control's grid in shown units (8.25/255, not 8.24999/255), as the slider itself would set it.
  const step = spec.step * spec.scale;
  const shown = Math.round((config.eps * spec.scale) / step + direction) * step;
  s.setParam('eps', Math.min(spec.max, Math.max(spec.min, shown / spec.scale)));
  return true;
}

/**
 * In presenter mode: the left and right arrows move epsilon (with Shift while a lesson is open: the plain arrows step
 * the lesson), R runs the attack again, and a legend says so. With a lesson open, at any size: Shift with the arrows
 * moves epsilon, as the lessons say.
 */
export function PresenterKeys() {
  const big = useAppStore((s) => s.view.bigText);
  // While a lesson is open the plain arrows step the lesson (LessonKeys); epsilon moves with Shift.
  const lesson = useAppStore((s) => s.openLesson !== null);
  useEffect(() => {
    // Only in presenter mode or a lesson: elsewhere the arrow keys scroll the page and R is just a letter.
    if (!big && !lesson) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.target instanceof Element && e.target.closest(TAKES_KEYS))) return;
      const epsKey = lesson ? e.shiftKey : true;
      const handled =
        e.key === 'ArrowRight' && epsKey
          ? nudgeEps(1)
          : e.key === 'ArrowLeft' && epsKey
            ? nudgeEps(-1)
            : big && (e.key === 'r' || e.key === 'R')
              ? (runAgain(), true)
              : false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [big, lesson]);
  if (!big) return null;
  return (
    <aside className="key-legend muted" data-testid="key-legend" aria-label="Keys">
      {lesson ? (
        <>
          <kbd>←</kbd> <kbd>→</kbd> step · <kbd>Shift</kbd>+<kbd>←</kbd> <kbd>→</kbd> epsilon · <kbd>R</kbd> run the attack again
        </>
      ) : (
        <>
          <kbd>←</kbd> <kbd>→</kbd> epsilon · <kbd>R</kbd> run the attack again
        </>
      )}
    </aside>
  );
}
