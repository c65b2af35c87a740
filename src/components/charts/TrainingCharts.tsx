import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrainingPoint } from '../../state/trainingSlice.ts';
import { CHART_TOOLTIP } from './tooltip.ts';
import { percentPoints as pct } from './percentPoints.ts';
import { useChartSize, type ChartSize } from './chartSize.ts';

const tooltip = CHART_TOOLTIP;

/** The training charts' shared x axis: images through the weight update so far, titled, with room for its title. */
export const examplesAxis = ({ axis, font }: ChartSize) => ({
  dataKey: 'examples',
  ...axis,
  height: Math.round(font * 3),
  label: { value: 'training images seen', position: 'insideBottom' as const, offset: Math.round(font * 0.4), fill: '#9aa0ad', fontSize: font },
});

/** Live charts of a training run: loss per step, and clean and PGD accuracy at each evaluation. */
export function TrainingCharts({ history }: { history: TrainingPoint[] }) {
  const evals = history
    .filter((p) => p.cleanAccuracy !== undefined)
    .map((p) => ({
      examples: p.examples,
      clean: pct(p.cleanAccuracy!),
      pgd: pct(p.robustAccuracy ?? 0),
      ...(p.fgsmAccuracy === undefined ? {} : { fgsm: pct(p.fgsmAccuracy) }),
    }));
  const pgdName = [...history].reverse().find((p) => p.attack)?.attack ?? 'PGD';
  const losses = history.map((p) => ({ examples: p.examples, loss: Math.round(p.loss * 1000) / 1000 }));
  const size = useChartSize(200, 1.25);
  const { axis } = size;
  const yWidth = Math.max(44, size.axisWidth(4));
  return (
    <div className="training-charts">
      <figure aria-label="Training loss" data-testid="loss-chart">
        <figcaption>Training loss</figcaption>
        <ResponsiveContainer width="100%" height={size.height}>
          <LineChart accessibilityLayer={false} data={losses} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#262a36" />
            <XAxis {...examplesAxis(size)} />
            <YAxis {...axis} width={yWidth} />
            <Tooltip {...tooltip} />
            <Line dataKey="loss" stroke="#f0b45b" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure aria-label="Held-out accuracy" data-testid="accuracy-chart">
        <figcaption>Held-out accuracy</figcaption>
        <ResponsiveContainer width="100%" height={size.height}>
          <LineChart accessibilityLayer={false} data={evals} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#262a36" />
            <XAxis {...examplesAxis(size)} />
            <YAxis domain={[0, 100]} {...axis} width={yWidth} tickFormatter={(v: number) => `${v}%`} />
            <Tooltip {...tooltip} formatter={(v) => `${String(v)}%`} />
            <Legend itemSorter="dataKey" />
            <Line dataKey="clean" name="clean" stroke="#5fd38d" isAnimationActive={false} />
            <Line dataKey="fgsm" name="FGSM" stroke="#ff7a7a" isAnimationActive={false} />
            <Line dataKey="pgd" name={pgdName} stroke="#7aa2ff" isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
