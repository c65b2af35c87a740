import { useAppStore } from '../../state/store.ts';
import { TRAINING_CHOICES, chosenMethod } from '../../state/trainingSlice.ts';
import { RECIPE_PARAMETERS, TRAINING_METHODS, methodHelp, methodParametersIn, type RecipeSettings } from '../../training/catalog.ts';
import { ParameterControl } from '../attack/ParameterControl.tsx';

/** The training recipe, built from the method registry and the recipe's specs. Locked while a run is in progress. */
export function TrainingSettingsForm({ locked }: { locked: boolean }) {
  const settings = useAppStore((s) => s.trainingSettings);
  const { setTrainingSetting, setMethodParam, resetTrainingSettings } = useAppStore.getState();
  const method = chosenMethod(settings);
  return (
    <div className="training-settings">
      <fieldset className="attack-kinds" disabled={locked}>
        <legend>Method</legend>
        {TRAINING_CHOICES.map((k) => (
          <label key={k} className="attack-kind" title={methodHelp(settings.methods[k])}>
            <input type="radio" name="training-method" checked={settings.method === k} onChange={() => setTrainingSetting('method', k)} />
            {TRAINING_METHODS[k].name}
          </label>
        ))}
      </fieldset>
      <p className="muted small" data-testid="training-method-help">
        {methodHelp(method)}
      </p>
      {methodParametersIn(TRAINING_METHODS, method).map(([field, spec]) => (
        <ParameterControl
          key={`${settings.method}-${field}`}
          prefix="training-"
          field={field}
          spec={spec}
          disabled={locked}
          value={(method as unknown as Record<string, number | boolean>)[field]!}
          onChange={(v) => setMethodParam(field, v as number | boolean)}
        />
      ))}
      {(Object.keys(RECIPE_PARAMETERS) as (keyof RecipeSettings)[]).map((field) => (
        <ParameterControl
          key={field}
          prefix="training-"
          field={field}
          spec={RECIPE_PARAMETERS[field]}
          disabled={locked}
          value={settings[field]}
          onChange={(v) => setTrainingSetting(field, v as number)}
        />
      ))}
      <button type="button" className="secondary" onClick={resetTrainingSettings} disabled={locked}>
        Reset recipe
      </button>
    </div>
  );
}
