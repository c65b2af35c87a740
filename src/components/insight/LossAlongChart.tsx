import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LandscapeMap } from '../../state/insightSlice.ts';
import { CHART_TOOLTIP } from '../charts/tooltip.ts';
import { useChartSize } from '../charts/chartSize.ts';

const LINE_COLOURS = ['#f0b45b', '#7aa2ff', '#5fd38d'];

/** The loss along the attack axis (the landscape's middle row), one line per model. */
export function LossAlongChart({ maps, referenceName }: { maps: LandscapeMap[]; referenceName: string }) {
  const size = useChartSize(200);
  const first = maps[0];
  if (!first) return null;
  const n = first.size;
  const at = (i: number) => Math.round(((first.radius * (2 * i - (n - 1))) / (n - 1)) * 255 * 100) / 100;
  const data = Array.from({ length: n }, (_, i) => ({ a: at(i), ...Object.fromEntries(maps.map((m) => [m.modelId, m.lossAlong[i]])) }));
  const r = Math.round(first.radius * 255);
  const summary = maps
    .map((m) => `${m.name}: ${m.lossAlong[(n - 1) / 2]!.toFixed(2)} at the image, ${m.lossAlong[n - 1]!.toFixed(2)} at +${r}/255`)
    .join('; ');
  return (
    <figure className="loss-along" aria-label="Loss along the attack direction" data-testid="loss-along">
      <figcaption className="small">Loss ({referenceName}) along the attack direction</figcaption>
      <p className="visually-hidden">{summary}.</p>
      <ResponsiveContainer width="100%" height={size.height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis
            dataKey="a"
            type="number"
            domain={[-r, r]}
            ticks={[-r, -r / 2, 0, r / 2, r]}
            {...size.axis}
            height={34}
            label={{ value: 'step along the attack direction (/255)', position: 'insideBottom', offset: -2, fill: '#c4c8d2', fontSize: size.font }}
          />
          <YAxis {...size.axis} width={44} label={{ value: 'loss', angle: -90, position: 'insideLeft', fill: '#c4c8d2', fontSize: size.font }} />
          <ReferenceLine x={0} stroke="#9aa0ad" strokeDasharray="3 3" />
          <Tooltip {...CHART_TOOLTIP} labelFormatter={(v) => `${String(v)}/255 along the attack`} formatter={(v) => Number(v).toFixed(3)} />
          <Legend />
          {maps.map((m, i) => (
            <Line
              key={m.modelId}
              dataKey={m.modelId}
              name={m.name}
              stroke={LINE_COLOURS[i % LINE_COLOURS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
