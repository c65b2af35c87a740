// Moving through an open lesson: each step sets the lab to its state; the student then plays freely, and coming
// back to a step sets its state again.
import { useAppStore } from '../../state/store.ts';
import { clampStep } from '../../state/lessonSlice.ts';
import { decodeHashReport } from '../../state/urlSchema.ts';
import { LAB_SCOPE, applySharedState } from '../../state/labState.ts';

/** Shows step `index` (from 0) of the open lesson and sets the lab to its state. */
export function showStep(index: number): void {
  const s = useAppStore.getState();
  const open = s.openLesson;
  if (!open) return;
  const at = clampStep(index, open.lesson.steps.length);
  s.setLessonStep(at);
  applyStepState(open.lesson.steps[at]!.state);
}

/** Sets the lab to a step's state (a hash); what could not be used is said in the notice. */
export function applyStepState(hash: string): void {
  const { state, problems } = decodeHashReport(hash);
  // Only the lab's keys: presenter mode and the backend are the viewer's choice, not the step's (a lesson written
  // at a desk plays on a wall).
  const all = [...problems, ...applySharedState(state, LAB_SCOPE)];
  useAppStore.getState().setNotice(all.length ? `Parts of this step were not used: ${all.join('; ')}.` : null);
}

export const nextStep = () => step(1);
export const previousStep = () => step(-1);

function step(by: 1 | -1): void {
  const open = useAppStore.getState().openLesson;
  if (!open) return;
  const to = open.step + by;
  if (to >= 0 && to < open.lesson.steps.length) showStep(to);
}

/** Leaves the lesson; the lab stays as it is, with the parts the user had hidden before it hidden again. */
export function closeLesson(): void {
  const s = useAppStore.getState();
  const open = s.openLesson;
  if (!open) return;
  s.endLesson();
  s.setView({ hidden: open.hiddenBefore });
}
