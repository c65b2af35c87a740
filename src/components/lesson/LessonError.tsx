import { useAppStore } from '../../state/store.ts';

/** Why a lesson did not open (naming the field); the lab is as it was. */
export function LessonError() {
  const error = useAppStore((s) => s.lessonError);
  const setError = useAppStore((s) => s.setLessonError);
  if (!error) return null;
  return (
    <div className="notice lesson-error" role="alert" data-testid="lesson-error">
      <span>{error}</span>
      <button type="button" onClick={() => setError(null)} aria-label="Dismiss the lesson message">
        ×
      </button>
    </div>
  );
}
