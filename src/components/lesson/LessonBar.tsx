import { useAppStore } from '../../state/store.ts';
import { LessonMenu } from './LessonMenu.tsx';
import { LessonPlayer } from './LessonPlayer.tsx';
import { LessonEditor } from './LessonEditor.tsx';
import { LessonKeys } from './LessonKeys.tsx';
import './lesson.css';

/**
 * Lessons in the page: the entry (shipped lessons, a file, a new one) while none is open, the player while one is,
 * and the editor while a draft is being written. An open lesson shows even where a step hides the header.
 */
export function LessonBar() {
  const open = useAppStore((s) => s.openLesson !== null);
  const drafting = useAppStore((s) => s.draft !== null);
  // The entry belongs with the header: a view that hides the header (a clean wall) hides it too.
  const entryHidden = useAppStore((s) => s.view.hidden.includes('header'));
  return (
    <>
      {open ? <LessonPlayer /> : !entryHidden && <LessonMenu />}
      {open && <LessonKeys />}
      {drafting && <LessonEditor />}
    </>
  );
}
