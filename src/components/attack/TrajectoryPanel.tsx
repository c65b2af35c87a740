import { TrajectoryChart } from '../charts/TrajectoryChart.tsx';
import { useOutcome } from './useOutcome.ts';

export function TrajectoryPanel() {
  const { outcome } = useOutcome();
  if (!outcome || outcome.trajectory.length === 0) {
    return outcome?.live ? <p className="muted panel small">FGSM is a single step: drag epsilon to move along its direction.</p> : null;
  }
  return (
    <>
      <TrajectoryChart steps={outcome.trajectory} />
      {outcome.verdict.kind === 'already-wrong' && (
        <p className="muted small" data-testid="trajectory-note">
          The model was wrong before the attack, so the margin is below 0 from the start: that is no success of the attack.
        </p>
      )}
    </>
  );
}
