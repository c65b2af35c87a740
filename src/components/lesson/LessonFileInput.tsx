import { useId } from 'react';
import { openLessonFile } from '../../runtime/lessons/index.ts';

/** "Open a lesson file": a picker for .json lesson files. */
export function LessonFileInput() {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="file-button lesson-file">
        Open a lesson file…
      </label>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        data-testid="lesson-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openLessonFile(file);
        }}
      />
    </>
  );
}
