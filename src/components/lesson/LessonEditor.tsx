import { useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { LESSON_LIMITS, type LessonStep } from '../../lessons/format.ts';
import { addViewAsStep, applyStepState, downloadDraft, labStateNow, playDraft } from '../../runtime/lessons/index.ts';

/** One step of the draft: its words, its state, and its place in the lesson. */
function DraftStep({ step, index, count }: { step: LessonStep; index: number; count: number }) {
  const update = useAppStore((s) => s.updateDraftStep);
  const move = useAppStore((s) => s.moveDraftStep);
  const remove = useAppStore((s) => s.deleteDraftStep);
  const n = index + 1;
  return (
    <li className="draft-step" data-testid="draft-step">
      <label>
        Title of step {n}
        <input type="text" value={step.title} maxLength={LESSON_LIMITS.title} onChange={(e) => update(index, { title: e.target.value })} />
      </label>
      <label>
        Text of step {n}
        <textarea
          rows={3}
          value={step.text}
          placeholder="What should the class notice here?"
          maxLength={LESSON_LIMITS.text}
          onChange={(e) => update(index, { text: e.target.value })}
        />
      </label>
      <label>
        Question of step {n} (optional)
        <input
          type="text"
          value={step.question ?? ''}
          maxLength={LESSON_LIMITS.question}
          onChange={(e) => update(index, { question: e.target.value })}
        />
      </label>
      <p className="small muted draft-state">
        State: <code data-testid="draft-state">{step.state || '(the lab as it opens)'}</code>
      </p>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => applyStepState(step.state)} aria-label={`Show step ${n}`}>
          Show
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => update(index, { state: labStateNow() })}
          aria-label={`Use this view for step ${n}`}
        >
          Use this view
        </button>
        <button type="button" className="secondary" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move step ${n} up`}>
          Up
        </button>
        <button type="button" className="secondary" onClick={() => move(index, 1)} disabled={index === count - 1} aria-label={`Move step ${n} down`}>
          Down
        </button>
        <button type="button" className="secondary" onClick={() => remove(index)} aria-label={`Delete step ${n}`}>
          Delete
        </button>
      </div>
    </li>
  );
}

/** Writing a lesson: each step captures the lab as it is on screen; the lesson leaves as a JSON file. */
export function LessonEditor() {
  const draft = useAppStore((s) => s.draft);
  const setTitle = useAppStore((s) => s.setDraftTitle);
  const close = useAppStore((s) => s.editDraft);
  const [problem, setProblem] = useState<string | null>(null);
  if (!draft) return null;
  return (
    <section className="lesson-editor panel" aria-label="Lesson editor">
      <h2>Lesson editor</h2>
      <label>
        Lesson title
        <input type="text" value={draft.title} maxLength={LESSON_LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <p className="muted small">
        Set the lab as the class should see it, then add it as a step. Each step keeps the image, model, attack and its settings.
      </p>
      {draft.steps.length > 0 && (
        <ol className="draft-steps">
          {draft.steps.map((step, i) => (
            <DraftStep key={i} step={step} index={i} count={draft.steps.length} />
          ))}
        </ol>
      )}
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            setProblem(null);
            addViewAsStep();
          }}
        >
          Add this view as a step
        </button>
        <button type="button" className="secondary" onClick={() => setProblem(playDraft())}>
          Play the lesson
        </button>
        <button type="button" className="secondary" onClick={() => setProblem(downloadDraft())}>
          Download the lesson
        </button>
        <button type="button" className="secondary" onClick={() => close(null)}>
          Close the editor
        </button>
      </div>
      {problem && (
        <p className="error" role="alert" data-testid="draft-problem">
          Not a lesson yet: {problem}
        </p>
      )}
    </section>
  );
}
