import { useId } from 'react';
import { useAppStore } from '../../state/store.ts';
import { bpdaApplies, currentConfig, SUPPORTS_TARGET } from '../../state/attackSlice.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { ATTACK_DESCRIPTORS, ATTACK_KINDS, parameterList } from '../../attacks/catalog.ts';
import { ParameterControl } from './ParameterControl.tsx';
import { EXPLANATIONS } from './explanations.tsx';

export function AttackControls({ showExplanation }: { showExplanation: boolean }) {
  const kind = useAppStore((s) => s.attackKind);
  const config = useAppStore(currentConfig);
  const target = useAppStore((s) => s.target);
  const classNames = useAppStore((s) => s.classNames);
  const trueLabel = useAppStore((s) => currentImage(s)?.label ?? null);
  const bpda = useAppStore((s) => s.bpda);
  const showBpda = useAppStore(bpdaApplies);
  const { setAttackKind, setParam, resetParams, setTarget, setBpda } = useAppStore.getState();
  const targetId = useId();
  return (
    <section className="panel attack-controls" aria-label="Attack">
      <fieldset className="attack-kinds">
        <legend>Attack</legend>
        {ATTACK_KINDS.map((k) => (
          <label key={k} className="attack-kind">
            <input type="radio" name="attack-kind" value={k} checked={kind === k} onChange={() => setAttackKind(k)} />
            {ATTACK_DESCRIPTORS[k].label}
          </label>
        ))}
      </fieldset>
      {parameterList(config).map(([field, spec]) => (
        <ParameterControl
          key={`${kind}-${field}`}
          field={field}
          spec={spec}
          {...(field === 'eps' ? { focus: 'epsilon' as const } : {})}
          value={(config as unknown as Record<string, number | boolean | string>)[field]!}
          onChange={(v) => setParam(field, v)}
        />
      ))}
      <div className="param">
        <label htmlFor={targetId}>Goal</label>
        <select
          id={targetId}
          value={SUPPORTS_TARGET[kind] && target !== null ? String(target) : 'none'}
          disabled={!SUPPORTS_TARGET[kind]}
          onChange={(e) => setTarget(e.target.value === 'none' ? null : Number(e.target.value))}
        >
          <option value="none">Untargeted: any wrong class</option>
          {classNames.map((c, i) => (
            <option key={c} value={i}>
              Targeted: make it say {c}
              {i === trueLabel ? ' (its true class)' : ''}
            </option>
          ))}
        </select>
        {!SUPPORTS_TARGET[kind] && <p className="muted small">{ATTACK_DESCRIPTORS[kind].name} is untargeted: it looks for the nearest boundary.</p>}
      </div>
      {showBpda && (
        <div className="param">
          <label className="inline" data-lesson-focus="bpda">
            <input type="checkbox" checked={bpda} onChange={(e) => setBpda(e.target.checked)} />
            Attack through the rounding (BPDA)
          </label>
          <p className="muted small">
            The same model, but the attack takes the rounding&apos;s gradient to be 1 (a straight-through gradient), so it sees the gradient the
            defence hides.
          </p>
        </div>
      )}
      <button type="button" className="secondary" onClick={resetParams}>
        Reset to defaults
      </button>
      {showExplanation && (
        <details className="explanation" open>
          <summary>{EXPLANATIONS[kind].title}</summary>
          {EXPLANATIONS[kind].body}
        </details>
      )}
    </section>
  );
}
