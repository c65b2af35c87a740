import { useAppStore } from '../../state/store.ts';
import { TRAINING_PRESETS, presetOf } from '../../state/trainingPresets.ts';

/** One-click recipes: the class default, the textbook 8/255, and catastrophic overfitting on purpose. */
export function TrainingPresets({ locked }: { locked: boolean }) {
  const settings = useAppStore((s) => s.trainingSettings);
  const current = presetOf(settings);
  return (
    <div className="training-presets" role="group" aria-label="Training recipes" data-lesson-focus="training-presets">
      {TRAINING_PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          className="secondary"
          aria-pressed={current?.id === p.id}
          disabled={locked}
          title={p.description}
          onClick={() => useAppStore.getState().applyTrainingSettings(p.settings)}
        >
          {p.label}
        </button>
      ))}
      <p className="muted small">{current ? current.description : 'Your own recipe: the presets above bring back a measured one.'}</p>
    </div>
  );
}
