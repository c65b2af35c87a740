// What a lesson is, as plain data: the store holds one, and the lesson format (src/lessons/format.ts) reads and
// checks files of them.

export const LESSON_FORMAT = 'epsilon-lesson';
export const LESSON_VERSION = 1;

export interface LessonStep {
  title: string;
  /** Plain text; a blank line starts a new paragraph. Never read as HTML. */
  text: string;
  /** A question to put to the class, if any. */
  question?: string;
  /** The lab state, as a link's hash without '#'. */
  state: string;
  /** The part of the page the step talks about, brought into view when the step shows (default: the lab's images). */
  focus?: LessonFocus;
}

/** The parts of the page a step can point at: each is an element marked data-lesson-focus with the same name. */
export const LESSON_FOCUS = [
  'lab-images',
  'epsilon',
  'readout',
  'model',
  'bpda',
  'transfer',
  'training',
  'training-presets',
  'game',
  'tradeoff-plane',
  'robustness',
  'reliable',
  'corruptions',
] as const;
export type LessonFocus = (typeof LESSON_FOCUS)[number];

export interface Lesson {
  format: typeof LESSON_FORMAT;
  version: typeof LESSON_VERSION;
  title: string;
  steps: LessonStep[];
}
