// Opening a lesson: from the text of a file (picker or drop), from a link's lesson= (a JSON file on this site),
// or from the editor's draft. A lesson that cannot be read leaves the lab as it was and says why, naming the field.
// Reading a file or fetching a link is a run of JOBS.lesson: the newest lesson asked for opens, an older one still
// on its way never does.
import { useAppStore } from '../../state/store.ts';
import type { LessonSource } from '../../state/lessonSlice.ts';
import { LESSON_LIMITS, parseLesson, type Lesson } from '../../lessons/format.ts';
import { isAbortError } from '../../lib/index.ts';
import { JOBS } from '../jobs/index.ts';
import { showStep } from './showStep.ts';

/** Opens a lesson that is already checked, at step `step` (from 0), and sets the lab to that step. */
export function startLesson(lesson: Lesson, source: LessonSource, step = 0, { applyState = true } = {}): void {
  const s = useAppStore.getState();
  // The parts hidden before a lesson come back when it closes (a step may hide some to make its point).
  const hiddenBefore = s.openLesson ? s.openLesson.hiddenBefore : s.view.hidden;
  s.startLesson(lesson, source, step, hiddenBefore);
  if (applyState) showStep(useAppStore.getState().openLesson!.step);
}

function refuse(why: string): false {
  useAppStore.getState().setLessonError(why);
  return false;
}

/** Reads a lesson's text and opens it; false (and the reason shown) when it is not a lesson. */
export function openLessonText(text: string, source: LessonSource, step = 0, options?: { applyState?: boolean }): boolean {
  const parsed = parseLesson(text);
  const from = source.kind === 'link' ? `lesson=${source.path}` : source.kind === 'file' ? `The file ${source.name}` : 'The lesson';
  if (!parsed.ok) return refuse(`${from} is not a lesson Epsilon can open: ${parsed.error}.`);
  startLesson(parsed.lesson, source, step, options);
  return true;
}

/** A lesson file the user chose or dropped. */
export function openLessonFile(file: File): Promise<void> {
  return JOBS.lesson.run({
    work: () => readLessonFile(file),
    done: (text) => openLessonText(text, { kind: 'file', name: file.name }),
    failed: refuse,
  });
}

async function readLessonFile(file: File): Promise<string> {
  if (file.size > LESSON_LIMITS.fileBytes) {
    throw new Error(`The file ${file.name} is ${Math.ceil(file.size / 1024)} KB; a lesson is at most ${LESSON_LIMITS.fileBytes / 1024} KB.`);
  }
  try {
    return await file.text();
  } catch {
    throw new Error(`The file ${file.name} could not be read.`);
  }
}

/**
 * Where a link's lesson= points, resolved against the page's own address (so a lesson beside the app works from
 * any sub-path); an error sentence when it is on another site: a lesson sets the whole lab, so only files the
 * site's owner put there are opened.
 */
export function resolveLessonPath(path: string, base: string): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    return { error: `lesson=${path} is not an address` };
  }
  const own = new URL(base).origin;
  if (url.origin !== own) {
    return {
      error: `lesson=${path} is on another site (${url.origin === 'null' ? url.protocol : url.origin}); lessons open only from this site (${own})`,
    };
  }
  return { url };
}

/** Opens the lesson a link names, at `step` (from 0). */
export function openLessonLink(path: string, step = 0, options?: { applyState?: boolean }): Promise<void> {
  return JOBS.lesson.run({
    work: ({ signal }) => fetchLessonText(path, signal),
    done: (text) => openLessonText(text, { kind: 'link', path }, step, options),
    failed: refuse,
  });
}

async function fetchLessonText(path: string, signal: AbortSignal): Promise<string> {
  const where = resolveLessonPath(path, document.baseURI);
  if ('error' in where) throw new Error(`The lesson was not opened: ${where.error}.`);
  let failure: string;
  try {
    const response = await fetch(where.url, { credentials: 'same-origin', signal });
    if (response.ok) return await response.text();
    failure = `${response.status} ${response.statusText}`;
  } catch (e) {
    if (isAbortError(e)) throw e;
    failure = 'the request failed';
  }
  throw new Error(`lesson=${path} could not be loaded (${failure}).`);
}
