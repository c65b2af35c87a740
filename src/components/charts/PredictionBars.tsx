import { useAppStore } from '../../state/store.ts';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_TOOLTIP } from './tooltip.ts';

interface Props {
  probs: number[];
  classNames: string[];
  /** The true (or reference) class, drawn in its own colour. */
  reference: number | null;
  label: string;
}

/** The ten class probabilities as horizontal bars, the winner highlighted. */
export function PredictionBars({ probs, classNames, reference, label }: Props) {
  const top = probs.indexOf(Math.max(...probs));
  // Presenter mode: bars and labels readable from the back of a room.
  const big = useAppStore((s) => s.view.bigText);
  const font = big ? 20 : 11; // a notch above the other charts: the bars are what the room reads
  const data = probs.map((p, i) => ({ name: classNames[i] ?? String(i), p: Math.round(p * 1000) / 10 }));
  return (
    <figure className="prediction-bars" aria-label={label} data-testid="prediction-bars">
      <figcaption className="visually-hidden">
        {[...data]
          .sort((a, b) => b.p - a.p)
          .slice(0, 3)
          .map((d) => `${d.name} ${d.p}%`)
          .join(', ')}
      </figcaption>
      <ResponsiveContainer width="100%" height={big ? 330 : 190}>
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} stroke="#9aa0ad" fontSize={font} />
          <YAxis type="category" dataKey="name" width={big ? 130 : 74} stroke="#9aa0ad" fontSize={font} interval={0} />
          <Tooltip formatter={(v) => [`${String(v)}%`, 'probability']} {...CHART_TOOLTIP} />
          <Bar dataKey="p" isAnimationActive={false}>
            {data.map((_, i) => (
              <Cell
                key={i}
                fill={i === top ? (reference === null || i === reference ? '#5fd38d' : '#ff7a7a') : i === reference ? '#7aa2ff' : '#4a5266'}
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
