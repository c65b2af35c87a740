import { useAppStore } from '../../state/store.ts';
import { attackKeyOf } from '../../state/attackSlice.ts';
import { ATTACK_DESCRIPTORS, formatParameter, parameterSpec, type AttackConfig } from '../../attacks/catalog.ts';
import { rerunAttack } from '../../runtime/lab/index.ts';

/** eps as the controls show it ("4/255", "0.5"), for attacks that have one. */
export function epsText(config: AttackConfig): string | null {
  if (!('eps' in config)) return null;
  const spec = parameterSpec(config.kind, 'eps', config.norm);
  return spec?.type === 'number' ? formatParameter(spec, config.eps) : null;
}

/** "PGD, ε = 8/255": the attack a result was computed with, in the controls' words. */
export function settingsText(config: AttackConfig): string {
  const eps = epsText(config);
  return eps ? `${ATTACK_DESCRIPTORS[config.kind].label}, ε = ${eps}` : ATTACK_DESCRIPTORS[config.kind].label;
}

/**
 * Under a dimmed result: why it is dimmed (an earlier result while the new one is computed, after Cancel, or after
 * a failure), what it was computed with, and Run where nothing is running for the settings now chosen.
 */
export function EarlierResultNote({ config }: { config: AttackConfig }) {
  const run = useAppStore((s) => s.run);
  const cancelledHere = useAppStore((s) => s.run.status === 'cancelled' && s.run.for === attackKeyOf(s));
  const earlier = `the earlier result (${settingsText(config)})`;
  if (run.status === 'running')
    return (
      <p className="muted small earlier-note" data-testid="earlier-note">
        Dimmed: {earlier}, while the new one is computed.
      </p>
    );
  return (
    <p className="muted small earlier-note" data-testid="earlier-note">
      {cancelledHere ? 'Cancelled. ' : ''}Dimmed: {earlier}, not the settings now chosen.{' '}
      <button type="button" className="secondary" onClick={rerunAttack}>
        Run
      </button>
    </p>
  );
}
