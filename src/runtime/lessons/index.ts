// Lessons in the page: open (file, link, draft), step through, close, and the editor's actions.
export { openLessonFile, openLessonLink, openLessonText, resolveLessonPath, startLesson } from './openLesson.ts';
export { applyStepState, closeLesson, nextStep, previousStep, showStep } from './showStep.ts';
export { followLessonAddress } from './address.ts';
export { addViewAsStep, downloadDraft, editOpenLesson, labStateNow, newDraft, playDraft } from './editor.ts';
