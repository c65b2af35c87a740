import type { StateCreator } from 'zustand';
import type { Lesson, LessonStep } from './lessonTypes.ts';
import type { Hideable } from './uiSlice.ts';

/** Where the open lesson came from: a link can be written back into the address, a file or a draft cannot. */
export type LessonSource = { kind: 'link'; path: string } | { kind: 'file'; name: string } | { kind: 'draft' };

export interface OpenLesson {
  lesson: Lesson;
  source: LessonSource;
  /** The step on screen, counted from 0. */
  step: number;
  /** The parts of the lab the user had hidden before the lesson (a step may hide others): Close brings them back. */
  hiddenBefore: Hideable[];
}

/** A lesson being written: it may have no steps yet. */
export interface LessonDraft {
  title: string;
  steps: LessonStep[];
}

export interface LessonSlice {
  openLesson: OpenLesson | null;
  /** Why the last lesson could not be opened, said for people; null when nothing went wrong. */
  lessonError: string | null;
  draft: LessonDraft | null;
  startLesson: (lesson: Lesson, source: LessonSource, step: number, hiddenBefore: Hideable[]) => void;
  setLessonStep: (step: number) => void;
  endLesson: () => void;
  setLessonError: (error: string | null) => void;
  editDraft: (draft: LessonDraft | null) => void;
  setDraftTitle: (title: string) => void;
  addDraftStep: (step: LessonStep) => void;
  updateDraftStep: (index: number, patch: Partial<LessonStep>) => void;
  moveDraftStep: (index: number, by: -1 | 1) => void;
  deleteDraftStep: (index: number) => void;
}

/** A step index in range for a lesson of `count` steps. */
export const clampStep = (step: number, count: number) => Math.min(Math.max(0, count - 1), Math.max(0, Math.trunc(step)));

const mapSteps = (draft: LessonDraft | null, f: (steps: LessonStep[]) => LessonStep[]) =>
  draft ? { draft: { ...draft, steps: f(draft.steps) } } : {};

export const createLessonSlice: StateCreator<LessonSlice, [], [], LessonSlice> = (set, get) => ({
  openLesson: null,
  lessonError: null,
  draft: null,
  startLesson: (lesson, source, step, hiddenBefore) =>
    set({ openLesson: { lesson, source, step: clampStep(step, lesson.steps.length), hiddenBefore }, lessonError: null }),
  setLessonStep: (step) => {
    const open = get().openLesson;
    if (open) set({ openLesson: { ...open, step: clampStep(step, open.lesson.steps.length) } });
  },
  endLesson: () => set({ openLesson: null }),
  setLessonError: (lessonError) => set({ lessonError }),
  editDraft: (draft) => set({ draft }),
  setDraftTitle: (title) => {
    const draft = get().draft;
    if (draft) set({ draft: { ...draft, title } });
  },
  addDraftStep: (step) => set(mapSteps(get().draft, (steps) => [...steps, step])),
  updateDraftStep: (index, patch) => set(mapSteps(get().draft, (steps) => steps.map((s, i) => (i === index ? { ...s, ...patch } : s)))),
  moveDraftStep: (index, by) =>
    set(
      mapSteps(get().draft, (steps) => {
        const to = index + by;
        if (to < 0 || to >= steps.length || index < 0 || index >= steps.length) return steps;
        const out = [...steps];
        [out[index], out[to]] = [out[to]!, out[index]!];
        return out;
      }),
    ),
  deleteDraftStep: (index) => set(mapSteps(get().draft, (steps) => steps.filter((_, i) => i !== index))),
});

/** The step on screen, if a lesson is open. */
export const currentLessonStep = (s: LessonSlice): LessonStep | null =>
  s.openLesson ? (s.openLesson.lesson.steps[s.openLesson.step] ?? null) : null;

/**
 * What the address says about the open lesson: a lesson opened from a link keeps its path and step there (a reload
 * or a copied address comes back to it); one from a file or the editor has no address to give.
 */
export const lessonAddress = (s: LessonSlice): { lesson?: string; step?: number } =>
  s.openLesson?.source.kind === 'link' ? { lesson: s.openLesson.source.path, step: s.openLesson.step + 1 } : {};
