import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AttackStep } from '../../attacks/types.ts';

/** Loss and margin per step: the margin crossing zero is the moment the model is fooled. */
export function TrajectoryChart({ steps }: { steps: AttackStep[] }) {
  const data = steps.map((s, i) => ({ i: i + 1, loss: s.loss, margin: s.margin }));
  return (
    <figure className="panel trajectory" aria-label="Attack trajectory: loss and margin per step" data-testid="trajectory">
      <h2>Trajectory</h2>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis dataKey="i" stroke="#9aa0ad" fontSize={11} />
          <YAxis yAxisId="loss" stroke="#f0b45b" fontSize={11} width={44} />
          <YAxis yAxisId="margin" orientation="right" stroke="#7aa2ff" fontSize={11} width={44} />
          <Tooltip contentStyle={{ background: '#181b24', border: '1px solid #333' }} />
          <Legend />
          <Line yAxisId="loss" dataKey="loss" stroke="#f0b45b" dot={false} isAnimationActive={false} />
          <Line yAxisId="margin" dataKey="margin" name="margin (< 0: fooled)" stroke="#7aa2ff" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
