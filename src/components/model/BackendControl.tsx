import { useId } from 'react';
import { useAppStore } from '../../state/store.ts';
import type { BackendName } from '../../state/backendSlice.ts';
import { switchBackend } from '../../runtime/startup.ts';

const CHOICES: Record<BackendName, string> = {
  webgpu: 'WebGPU (GPU, newer API)',
  webgl: 'WebGL (GPU)',
  wasm: 'WASM (CPU, fast)',
  cpu: 'Plain JavaScript (slow)',
};

/** Where the model runs, beside the model it runs: the choice, why it was made, and a way to change it. */
export function BackendControl() {
  const backend = useAppStore((s) => s.backend);
  const selectId = useId();
  if (backend.status !== 'ready') return null;
  const { name, reason } = backend.info;
  return (
    <div className="backend-switch">
      <label htmlFor={selectId}>Run on</label>
      <select id={selectId} value={name} onChange={(e) => void switchBackend(e.target.value as BackendName)}>
        {(Object.keys(CHOICES) as BackendName[]).map((b) => (
          <option key={b} value={b}>
            {CHOICES[b]}
          </option>
        ))}
      </select>
      {reason && (
        <p className="muted small backend-reason" data-testid="backend-reason">
          {reason[0]!.toUpperCase() + reason.slice(1)}.
        </p>
      )}
    </div>
  );
}
