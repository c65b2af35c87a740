// The address and the lesson: lesson=<path>&step=N opens that lesson at that step when the page opens or the
// address is edited; from then on the address follows the lesson (share.ts writes lesson= and step= beside the
// lab's keys).
import { useAppStore } from '../../state/store.ts';
import { URL_KEY_LIST } from '../../state/urlKeys.ts';
import { decodeHash, type SharedState } from '../../state/urlSchema.ts';
import { JOBS } from '../jobs/index.ts';
import { openLessonLink } from './openLesson.ts';
import { closeLesson, showStep } from './showStep.ts';

/** Whether a link names any of the lab's keys (or an attack): with only the viewer's and the lesson's, a link to a
 * lesson shows its step's own state. */
const namesLabState = (s: SharedState) => s.attack !== undefined || URL_KEY_LIST.some((k) => k.scope === 'lab' && k.get(s) !== undefined);

/**
 * Follows the lesson keys of an address (after applyHash has set the lab from it). A link with lab keys of its
 * own (a copied address: what the student had on screen) keeps them; a bare lesson link shows the step's state.
 * The address edited last wins: a lesson still loading for an earlier one never opens.
 */
export async function followLessonAddress(hash: string): Promise<void> {
  const shared = decodeHash(hash);
  const { lesson, step } = shared;
  const open = useAppStore.getState().openLesson;
  const openPath = open?.source.kind === 'link' ? open.source.path : undefined;
  if (lesson === undefined) {
    JOBS.lesson.cancel();
    if (openPath !== undefined) closeLesson();
    return;
  }
  const index = (step ?? 1) - 1;
  if (lesson === openPath) {
    JOBS.lesson.cancel();
    if (index !== open!.step) showStep(index);
    return;
  }
  await openLessonLink(lesson, index, { applyState: !namesLabState(shared) });
}
