import { useId } from 'react';
import { useAppStore } from '../../state/store.ts';
import { selectedModel } from '../../state/modelSlice.ts';
import { uploadModel } from '../../runtime/models/index.ts';
import { SavedModelActions } from './SavedModelActions.tsx';
import { BackendControl } from './BackendControl.tsx';

const pct = (v: number | undefined) => (v === undefined ? '…' : `${(v * 100).toFixed(1)}%`);

/** Standard, robust, or the user's own tfjs LayersModel. */
export function ModelPicker() {
  const models = useAppStore((s) => s.models);
  const selectedId = useAppStore((s) => s.selectedModelId);
  const current = useAppStore(selectedModel);
  const error = useAppStore((s) => s.modelError);
  const selectModel = useAppStore((s) => s.selectModel);
  const selectId = useId();
  const uploadId = useId();
  return (
    <section className="panel model-picker" aria-label="Model" data-lesson-focus="model">
      <label htmlFor={selectId}>Model</label>
      <select id={selectId} value={selectedId} onChange={(e) => selectModel(e.target.value)}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      {current?.status === 'loading' && (
        <p className="muted" role="status">
          Loading {current.name}…
        </p>
      )}
      {current?.status === 'failed' && (
        <p className="error" role="alert">
          {current.name} could not load: {current.message}
        </p>
      )}
      {current?.card && (
        <p className="muted model-card" data-testid="model-card">
          {current.card.parameters !== undefined && `${(current.card.parameters / 1000).toFixed(0)}k parameters · `}
          clean {pct(current.card.cleanAccuracy)} · PGD-20 at 8/255 {pct(current.card.robustAccuracy)}
          {current.card.reliable && (
            <span className="block" data-testid="model-card-reliable">
              Worst of APGD-CE, APGD-T and Square: {pct(current.card.reliable.accuracy)} (PGD-20 {pct(current.card.reliable.pgd20)} on the same{' '}
              {current.card.reliable.n} images)
            </span>
          )}
        </p>
      )}
      {current?.defence && (
        <details className="muted small defence-note" data-testid="defence-note" open>
          <summary>This model&apos;s defence: {current.defence}</summary>
          <p>
            Images are 8-bit already, so on them it computes exactly what the standard CNN does. But rounding is flat between levels: its gradient is
            zero, and so is the whole model&apos;s. Gradient attacks (FGSM, PGD, APGD, DeepFool, C&amp;W) find nothing to follow. Signs of such
            gradient masking: an attack that uses no gradient (Square), or adversarial images made on another model, succeed where gradient attacks
            fail; accuracy does not fall towards zero as epsilon grows; a one-step attack beats an iterative one. Attack it through the rounding
            (BPDA) to see what it is worth.
          </p>
        </details>
      )}
      <label htmlFor={uploadId} className="file-button">
        Upload a tfjs model (model.json + .bin files)
      </label>
      <input
        id={uploadId}
        type="file"
        multiple
        accept=".json,.bin,application/json,application/octet-stream"
        className="visually-hidden"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void uploadModel(files);
        }}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <SavedModelActions />
      <BackendControl />
    </section>
  );
}
