import { useAppStore } from '../../state/store.ts';
import { closeLesson, editOpenLesson, nextStep, previousStep } from '../../runtime/lessons/index.ts';
import { LessonError } from './LessonError.tsx';
import { LessonText } from './LessonText.tsx';
import { useLessonFocus } from './useLessonFocus.ts';

const sheet = () => document.querySelector<HTMLElement>('[data-testid="lesson-bar"]');

/** The open lesson: its title, where we are, the step's text and question, and the ways to move on or leave. */
export function LessonPlayer() {
  const open = useAppStore((s) => s.openLesson);
  const drafting = useAppStore((s) => s.draft !== null);
  useLessonFocus(open?.lesson.steps[open.step]?.focus, open?.step ?? -1, sheet);
  if (!open) return null;
  const { lesson, step } = open;
  const current = lesson.steps[step]!;
  const count = lesson.steps.length;
  return (
    <section className={`lesson-bar panel${current.focus ? ' lesson-focused' : ''}`} aria-label="Lesson" data-testid="lesson-bar">
      <div className="lesson-head">
        <p className="lesson-title muted" data-testid="lesson-title">
          {lesson.title}
        </p>
        <p className="lesson-progress" data-testid="lesson-progress" aria-live="polite">
          Step {step + 1} of {count}
        </p>
      </div>
      <h2 className="lesson-step-title" data-testid="lesson-step-title">
        {current.title}
      </h2>
      <LessonText text={current.text} className="lesson-text" />
      {current.question && (
        <p className="lesson-question" data-testid="lesson-question">
          <strong>Question: </strong>
          {current.question}
        </p>
      )}
      <div className="button-row lesson-buttons">
        <button type="button" onClick={previousStep} disabled={step === 0}>
          Back
        </button>
        <button type="button" onClick={nextStep} disabled={step === count - 1}>
          Next
        </button>
        {!drafting && (
          <button type="button" className="secondary" onClick={editOpenLesson}>
            Edit this lesson
          </button>
        )}
        <button type="button" className="secondary" onClick={closeLesson}>
          Close lesson
        </button>
      </div>
      <LessonError />
    </section>
  );
}
