import { TrajectoryChart } from '../charts/TrajectoryChart.tsx';
import { useOutcome } from './useOutcome.ts';

export function TrajectoryPanel() {
  const { outcome } = useOutcome();
  if (!outcome || outcome.trajectory.length === 0) {
    return outcome?.live ? <p className="muted panel small">FGSM is a single step: drag epsilon to move along its direction.</p> : null;
  }
  return <TrajectoryChart steps={outcome.trajectory} />;
}
