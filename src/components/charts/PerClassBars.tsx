import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CLASS_NAMES } from '../../data/cifar10.ts';
import { classesByPrice, marginOfError } from '../../evaluation/catalog.ts';
import { percentPoints as pct } from './percentPoints.ts';
import type { FinalCheck } from '../../state/trainingSlice.ts';
import { CHART_TOOLTIP } from './tooltip.ts';
import { useChartSize } from './chartSize.ts';

/** Robust fairness: clean and PGD accuracy per class on the final check, the class that pays most first. */
export const PerClassBars = memo(function PerClassBars({ final }: { final: FinalCheck }) {
  const order = classesByPrice(final.perClass);
  const data = order.map((c) => ({
    name: CLASS_NAMES[c],
    clean: pct(final.perClass.clean[c]!),
    pgd: pct(final.perClass.robust[c]!),
    n: final.perClass.counts[c],
  }));
  const [most, second] = order;
  const least = order.at(-1);
  const lost = (c: number) => pct(final.perClass.clean[c]! - final.perClass.robust[c]!);
  const size = useChartSize(220, 1.25);
  const { axis } = size;
  return (
    <figure aria-label="Accuracy per class" data-testid="per-class">
      <figcaption>Which classes pay most (final check, about {Math.round(final.images / 10)} images a class)</figcaption>
      <ResponsiveContainer width="100%" height={size.height}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 24, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis dataKey="name" {...axis} angle={-35} textAnchor="end" interval={0} height={Math.round(size.font * 4)} />
          <YAxis domain={[0, 100]} {...axis} width={Math.max(40, size.axisWidth(4))} tickFormatter={(v: number) => `${v}%`} />
          <Tooltip {...CHART_TOOLTIP} />
          {/* In the bars' order (recharts sorts by label otherwise: "PGD-10" before "clean"). */}
          <Legend verticalAlign="top" itemSorter="dataKey" />
          <Bar dataKey="clean" name="clean" fill="#5fd38d" isAnimationActive={false} />
          <Bar dataKey="pgd" name={final.attack} fill="#7aa2ff" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {most !== undefined && second !== undefined && least !== undefined && (
        <p className="small muted" data-testid="per-class-note">
          {CLASS_NAMES[most]} and {CLASS_NAMES[second]} lose the most to the attack ({lost(most)} and {lost(second)} points); {CLASS_NAMES[least]} the
          least. With about {Math.round(final.images / 10)} images a class, each bar is good to roughly ±
          {Math.round(100 * marginOfError(0.5, Math.round(final.images / 10)))} points.
        </p>
      )}
    </figure>
  );
});
