import { useId } from 'react';
import { useAppStore } from '../../state/store.ts';
import type { TrainingMethodChoice, TrainingSettings } from '../../state/trainingSlice.ts';

interface NumberField {
  key: keyof TrainingSettings;
  label: string;
  min: number;
  max: number;
  step: number;
  /** Shown value = stored x scale. */
  scale?: number;
  unit?: string;
  only?: TrainingMethodChoice[];
}

const FIELDS: NumberField[] = [
  { key: 'eps', label: 'Epsilon', min: 1 / 255, max: 16 / 255, step: 0.5 / 255, scale: 255, unit: '/255' },
  { key: 'pgdSteps', label: 'PGD steps (k)', min: 1, max: 20, step: 1, only: ['pgd', 'trades'] },
  { key: 'pgdStepSize', label: 'PGD step size', min: 0.5 / 255, max: 8 / 255, step: 0.5 / 255, scale: 255, unit: '/255', only: ['pgd', 'trades'] },
  { key: 'fastStepRatio', label: 'FGSM step (x epsilon)', min: 0.5, max: 2, step: 0.05, only: ['fast'] },
  { key: 'tradesBeta', label: 'TRADES beta', min: 0.5, max: 12, step: 0.5, only: ['trades'] },
  { key: 'mix', label: 'Adversarial share of each batch', min: 0, max: 1, step: 0.05, scale: 100, unit: '%' },
  { key: 'learningRate', label: 'Peak learning rate', min: 0.001, max: 0.1, step: 0.001 },
  { key: 'warmupFraction', label: 'Warm-up (share of the budget)', min: 0, max: 0.5, step: 0.05, scale: 100, unit: '%' },
  { key: 'batchSize', label: 'Batch size', min: 8, max: 128, step: 8 },
  { key: 'weightDecay', label: 'Weight decay', min: 0, max: 0.002, step: 0.0001 },
  { key: 'budgetExamples', label: 'Budget (training examples)', min: 500, max: 50000, step: 500 },
  { key: 'evalEvery', label: 'Evaluate every (steps)', min: 5, max: 200, step: 5 },
];

function Field({ f, disabled }: { f: NumberField; disabled: boolean }) {
  const id = useId();
  const value = useAppStore((s) => s.trainingSettings[f.key] as number);
  const set = useAppStore((s) => s.setTrainingSetting);
  const scale = f.scale ?? 1;
  const shown = Number((value * scale).toPrecision(4));
  return (
    <div className="param">
      <label htmlFor={id}>
        {f.label}: <output>{shown}{f.unit ?? ''}</output>
      </label>
      <input
        id={id}
        type="range"
        min={f.min * scale}
        max={f.max * scale}
        step={f.step * scale}
        value={value * scale}
        disabled={disabled}
        aria-valuetext={`${shown}${f.unit ?? ''}`}
        onChange={(e) => set(f.key, Number(e.target.value) / scale)}
      />
    </div>
  );
}

const METHODS: { id: TrainingMethodChoice; label: string; help: string }[] = [
  { id: 'fast', label: 'Fast-AT', help: 'FGSM from a random start (Wong et al. 2020): one gradient per example, cheap. Watch for catastrophic overfitting.' },
  { id: 'pgd', label: 'PGD-AT', help: 'PGD-k examples (Madry et al. 2018): the classic, k+1 gradients per example.' },
  { id: 'trades', label: 'TRADES', help: 'Clean loss plus beta x KL(clean || adversarial) (Zhang et al. 2019): trades accuracy for robustness explicitly.' },
];

/** The training recipe. Locked while a run is in progress. */
export function TrainingSettingsForm({ locked }: { locked: boolean }) {
  const method = useAppStore((s) => s.trainingSettings.method);
  const set = useAppStore((s) => s.setTrainingSetting);
  const reset = useAppStore((s) => s.resetTrainingSettings);
  return (
    <div className="training-settings">
      <fieldset className="attack-kinds" disabled={locked}>
        <legend>Method</legend>
        {METHODS.map((m) => (
          <label key={m.id} className="attack-kind" title={m.help}>
            <input type="radio" name="training-method" checked={method === m.id} onChange={() => set('method', m.id)} />
            {m.label}
          </label>
        ))}
      </fieldset>
      <p className="muted small">{METHODS.find((m) => m.id === method)!.help}</p>
      {FIELDS.filter((f) => !f.only || f.only.includes(method)).map((f) => (
        <Field key={f.key} f={f} disabled={locked} />
      ))}
      <button type="button" className="secondary" onClick={reset} disabled={locked}>
        Reset recipe
      </button>
    </div>
  );
}
