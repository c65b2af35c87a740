// The lesson editor's actions: capture the lab as a step, start a draft (new, or from the open lesson), download
// it, and play it. No backend: the draft lives in the store and leaves as a file.
import { useAppStore } from '../../state/store.ts';
import { encodeHash } from '../../state/urlSchema.ts';
import { lessonFileName, serialiseLesson, validateLesson, LESSON_FORMAT, LESSON_VERSION, type LessonStep } from '../../lessons/format.ts';
import { downloadBlob } from '../files/index.ts';
import { LAB_SCOPE, sharedStateOf } from '../../state/labState.ts';
import { JOBS } from '../jobs/index.ts';
import { startLesson } from './openLesson.ts';

/** The lab on screen as a step's state: the lab's keys only (no lesson keys, no backend, no presenter mode). */
export const labStateNow = (): string => encodeHash(sharedStateOf(useAppStore.getState(), LAB_SCOPE));

export function newDraft(): void {
  useAppStore.getState().editDraft({ title: 'My lesson', steps: [] });
}

/** A draft from the open lesson, to change it. */
export function editOpenLesson(): void {
  const open = useAppStore.getState().openLesson;
  if (open) useAppStore.getState().editDraft({ title: open.lesson.title, steps: open.lesson.steps.map((s) => ({ ...s })) });
}

export function addViewAsStep(): void {
  const s = useAppStore.getState();
  const n = (s.draft?.steps.length ?? 0) + 1;
  // The text starts empty (the field shows a hint): a placeholder saved as the step's text would reach the class.
  const step: LessonStep = { title: `Step ${n}`, text: '', state: labStateNow() };
  s.addDraftStep(step);
}

/** The draft as a lesson, or the problem that keeps it from being one (naming the field). */
function draftLesson() {
  const draft = useAppStore.getState().draft;
  return validateLesson(draft ? { format: LESSON_FORMAT, version: LESSON_VERSION, ...draft } : null);
}

/** Downloads the draft as a lesson file; the problem instead when it is not a valid lesson yet. */
export function downloadDraft(): string | null {
  const checked = draftLesson();
  if (!checked.ok) return checked.error;
  downloadBlob(new Blob([serialiseLesson(checked.lesson)], { type: 'application/json' }), lessonFileName(checked.lesson.title));
  return null;
}

/** Plays the draft from its first step (the editor stays open beside it); a lesson still loading never opens over it. */
export function playDraft(): string | null {
  const checked = draftLesson();
  if (!checked.ok) return checked.error;
  JOBS.lesson.cancel();
  startLesson(checked.lesson, { kind: 'draft' }, 0);
  return null;
}
