import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GamePoint } from '../../state/trainingSlice.ts';
import { CHART_TOOLTIP } from './tooltip.ts';
import { useChartSize } from './chartSize.ts';
import { examplesAxis } from './TrainingCharts.tsx';

/**
 * The min-max game on watched training batches, before each update: how often the attacker fooled the model
 * (left axis), and the loss on the adversarial images against the clean ones (right axis).
 */
export const GameChart = memo(function GameChart({ game }: { game: readonly GamePoint[] }) {
  const data = game.map((g) => ({
    examples: g.examples,
    attacker: Math.round(g.attackerSuccess * 1000) / 10,
    adversarial: Math.round(g.adversarialLoss * 100) / 100,
    clean: Math.round(g.cleanLoss * 100) / 100,
  }));
  const size = useChartSize(200, 1.25);
  const { axis } = size;
  return (
    <figure aria-label="The game: attacker success and the two losses" data-testid="game-chart" data-lesson-focus="game">
      <figcaption>The game, batch by batch: attacker success and loss</figcaption>
      <ResponsiveContainer width="100%" height={size.height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis {...examplesAxis(size)} />
          <YAxis yAxisId="share" domain={[0, 100]} {...axis} width={Math.max(40, size.axisWidth(4))} tickFormatter={(v: number) => `${v}%`} />
          <YAxis yAxisId="loss" orientation="right" {...axis} width={Math.max(36, size.axisWidth(3))} />
          <Tooltip {...CHART_TOOLTIP} />
          <Legend />
          <Line yAxisId="share" dataKey="attacker" name="attacker success %" stroke="#ff7a7a" dot={false} isAnimationActive={false} />
          <Line yAxisId="loss" dataKey="adversarial" name="loss, adversarial" stroke="#f0b45b" dot={false} isAnimationActive={false} />
          <Line yAxisId="loss" dataKey="clean" name="loss, clean" stroke="#5fd38d" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
