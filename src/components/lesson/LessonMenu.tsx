import { useState } from 'react';
import { SHIPPED_LESSONS } from '../../lessons/shipped.ts';
import { newDraft, openLessonFile, openLessonLink } from '../../runtime/lessons/index.ts';
import { LessonError } from './LessonError.tsx';
import { LessonFileInput } from './LessonFileInput.tsx';

/** The way into lessons while none is open: the shipped ones, a file (picker or drop), or a new one. */
export function LessonMenu() {
  const [expanded, setExpanded] = useState(false);
  const [dragging, setDragging] = useState(false);
  return (
    <section
      className={`lesson-menu ${dragging ? 'dragging' : ''}`}
      aria-label="Lessons"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
        setExpanded(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void openLessonFile(file);
      }}
    >
      <button type="button" className="secondary lesson-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
        Lessons
      </button>
      {expanded && (
        <div className="lesson-choices">
          {SHIPPED_LESSONS.map((l) => (
            <button key={l.path} type="button" onClick={() => void openLessonLink(l.path)}>
              {l.title}
            </button>
          ))}
          <LessonFileInput />
          <button type="button" className="secondary" onClick={newDraft}>
            New lesson
          </button>
          <span className="muted small">or drop a lesson file here</span>
        </div>
      )}
      <LessonError />
    </section>
  );
}
