import { useState } from 'react';
import { PRESETS, type PresetId } from '../../state/presets.ts';
import { applyPreset } from '../../runtime/insights/index.ts';
import { useAppStore } from '../../state/store.ts';
import { errorMessage } from '../../lib/index.ts';

/** One button per ready-made lab state, and what to look for once one is applied. */
export function PresetButtons() {
  const [applied, setApplied] = useState<PresetId | null>(null);
  const setNotice = useAppStore((s) => s.setNotice);
  const preset = PRESETS.find((p) => p.id === applied);
  return (
    <div className="presets" data-testid="presets">
      <div className="button-row">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="secondary"
            data-testid={`preset-${p.id}`}
            onClick={() => {
              try {
                applyPreset(p);
                setApplied(p.id);
              } catch (e) {
                setNotice(`The preset could not be applied: ${errorMessage(e)}`);
              }
            }}
          >
            {p.label}
          </button>
        ))}
      </div>
      {preset && (
        <p className="small" role="status">
          {preset.lookFor}
        </p>
      )}
    </div>
  );
}
