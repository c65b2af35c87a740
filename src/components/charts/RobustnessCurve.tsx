import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurveSeries } from '../../state/measurementResults.ts';
import { CHART_TOOLTIP } from './tooltip.ts';
import { useChartSize } from './chartSize.ts';
import { CURVE_ATTACK_LOOK } from './curveAttacks.ts';

const COLORS = ['#7aa2ff', '#5fd38d', '#f0b45b', '#ff7a7a', '#c58cff', '#4fd1d9'];

/**
 * Accuracy against epsilon, one line per model and attack: the plot an instructor draws on the board.
 * PGD lines are solid, FGSM lines dashed, AutoAttack dotted; each model keeps its colour across attacks.
 */
export function RobustnessCurve({ series }: { series: CurveSeries[] }) {
  const size = useChartSize(320);
  const epsilons = [...new Set(series.flatMap((s) => s.points.map((p) => p.eps)))].sort((a, b) => a - b);
  const key = (s: CurveSeries) => `${s.modelName} · ${CURVE_ATTACK_LOOK[s.attack].short}`;
  const data = epsilons.map((eps) => {
    const row: Record<string, number> = { eps: Math.round(eps * 255 * 100) / 100 };
    for (const s of series) {
      const p = s.points.find((q) => q.eps === eps);
      if (p) row[key(s)] = Math.round(p.accuracy * 1000) / 10;
    }
    return row;
  });
  const modelIds = [...new Set(series.map((s) => s.modelId))];
  return (
    <figure className="robustness-curve" aria-label="Accuracy against epsilon" data-testid="robustness-curve">
      <figcaption className="visually-hidden">
        {series
          .map(
            (s) => `${key(s)}: ${s.points.map((p) => `${Math.round(p.accuracy * 100)}% at ${Math.round(p.eps * 255 * 100) / 100}/255`).join(', ')}.`,
          )
          .join(' ')}
      </figcaption>
      <ResponsiveContainer width="100%" height={size.height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis
            dataKey="eps"
            stroke="#9aa0ad"
            fontSize={size.font + 1}
            label={{ value: 'epsilon (/255, L∞)', position: 'insideBottom', offset: -10, fill: '#9aa0ad' }}
          />
          <YAxis
            domain={[0, 100]}
            stroke="#9aa0ad"
            fontSize={size.font + 1}
            tickFormatter={(v: number) => `${v}%`}
            width={Math.max(48, size.axisWidth(4, size.font + 1))}
          />
          <Tooltip {...CHART_TOOLTIP} formatter={(v) => `${String(v)}%`} labelFormatter={(l) => `ε = ${String(l)}/255`} />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Line
              key={key(s)}
              dataKey={key(s)}
              stroke={COLORS[modelIds.indexOf(s.modelId) % COLORS.length]}
              strokeDasharray={CURVE_ATTACK_LOOK[s.attack].dash}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
