import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AttackStep } from '../../attacks/catalog.ts';
import { CHART_TOOLTIP } from './tooltip.ts';
import { useChartSize } from './chartSize.ts';

/** Loss and margin per step: the margin crossing zero is the moment the model is fooled. */
export function TrajectoryChart({ steps }: { steps: AttackStep[] }) {
  const size = useChartSize(180);
  // Point i is the state after i updates: 0 is the starting point, so 10 steps give 11 points.
  const data = steps.map((s, i) => ({ i, loss: s.loss, margin: s.margin }));
  const last = data.length - 1;
  const ticks = Array.from(new Set([0, ...Array.from({ length: 5 }, (_, k) => Math.round((k * last) / 4)), last]));
  return (
    <figure className="panel trajectory" aria-label="Attack trajectory: loss and margin per step" data-testid="trajectory">
      <h2>Trajectory</h2>
      <figcaption className="visually-hidden">
        {last >= 0 &&
          `Over ${last} updates the loss went from ${data[0]!.loss.toFixed(3)} to ${data[last]!.loss.toFixed(3)} ` +
            `and the margin from ${data[0]!.margin.toFixed(3)} to ${data[last]!.margin.toFixed(3)} (below 0: fooled).`}
      </figcaption>
      <ResponsiveContainer width="100%" height={size.height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis
            dataKey="i"
            type="number"
            domain={[0, last]}
            ticks={ticks}
            stroke="#9aa0ad"
            fontSize={size.font}
            label={{ value: 'updates made', position: 'insideBottom', offset: -2, fill: '#c4c8d2', fontSize: size.font }}
            height={34}
          />
          <YAxis
            yAxisId="loss"
            stroke="#f0b45b"
            fontSize={size.font}
            width={52}
            label={{ value: 'loss', angle: -90, position: 'insideLeft', fill: '#f0b45b', fontSize: size.font }}
          />
          <YAxis
            yAxisId="margin"
            orientation="right"
            stroke="#7aa2ff"
            fontSize={size.font}
            width={52}
            label={{ value: 'margin', angle: 90, position: 'insideRight', fill: '#7aa2ff', fontSize: size.font }}
          />
          <Tooltip {...CHART_TOOLTIP} labelFormatter={(v) => `after ${String(v)} updates`} />
          <Legend />
          <Line yAxisId="loss" dataKey="loss" stroke="#f0b45b" dot={false} isAnimationActive={false} />
          <Line yAxisId="margin" dataKey="margin" name="margin (< 0: fooled)" stroke="#7aa2ff" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
