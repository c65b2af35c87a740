import { memo } from 'react';
import { CartesianGrid, ErrorBar, LabelList, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { SHIPPED_HELD_OUT, ROBUST_MODEL_ID, STANDARD_MODEL_ID } from '../../model/shipped.ts';
import { marginOfError } from '../../evaluation/catalog.ts';
import type { FinalCheck, TrainingPoint } from '../../state/trainingSlice.ts';
import { CHART_TOOLTIP } from './tooltip.ts';
import { percentPoints as pct } from './percentPoints.ts';
import { formatTrainingEps } from '../../training/catalog.ts';
import { useChartSize } from './chartSize.ts';

const TICKS = [0, 25, 50, 75, 100];

interface Props {
  /** The held-out checks so far (history points with accuracies). */
  checks: readonly TrainingPoint[];
  final: FinalCheck | null;
  /** The training epsilon: the shipped models' points are shown where they were measured at it. */
  eps: number;
}

/** Error bars: the 95% margin of each figure, on the images it was measured on. */
const point = (clean: number, robust: number, n: number, label: string) => ({
  clean: pct(clean),
  robust: pct(robust),
  cleanError: pct(marginOfError(clean, n)),
  robustError: pct(marginOfError(robust, n)),
  label,
});

/**
 * The price of robustness: clean accuracy across, robust accuracy up. The shipped models are fixed points; the
 * model in training leaves a path of its checks, ending in the final check.
 */
export const TradeoffPlane = memo(function TradeoffPlane({ checks, final, eps }: Props) {
  const eps255 = Math.round(eps * 255 * 10) / 10;
  const shipped = [STANDARD_MODEL_ID, ROBUST_MODEL_ID]
    .filter((id) => SHIPPED_HELD_OUT[id]!.pgd[eps255] !== undefined)
    .map((id) => point(SHIPPED_HELD_OUT[id]!.clean, SHIPPED_HELD_OUT[id]!.pgd[eps255]!, 500, id));
  const path = checks.map((p) => point(p.cleanAccuracy!, p.robustAccuracy!, p.images ?? 0, `${p.examples} images`));
  const last = checks.at(-1);
  const end = final ? [point(final.cleanAccuracy, final.robustAccuracy, final.images, 'final check')] : [];
  // The training lesson shows the plane above its sheet in presenter mode: larger text, nearly the same height.
  const size = useChartSize(280, 1.1);
  const { axis } = size;
  return (
    <figure
      aria-label="Trade-off: clean against robust accuracy"
      data-testid="tradeoff-plane"
      className="tradeoff-plane"
      data-lesson-focus="tradeoff-plane"
    >
      <figcaption>The price: clean accuracy against PGD accuracy at {formatTrainingEps(eps)}</figcaption>
      <ResponsiveContainer width="100%" height={size.height}>
        <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis
            type="number"
            dataKey="clean"
            name="clean"
            domain={[0, 100]}
            ticks={TICKS}
            unit="%"
            padding={{ left: 8, right: 8 }}
            {...axis}
            height={Math.round(size.font * 3)}
            label={{ value: 'clean accuracy', position: 'insideBottom', offset: -4, fill: '#9aa0ad', fontSize: size.font }}
          />
          <YAxis
            type="number"
            dataKey="robust"
            name="PGD"
            domain={[0, 100]}
            ticks={TICKS}
            unit="%"
            padding={{ top: 8, bottom: 8 }}
            {...axis}
            width={Math.max(44, size.axisWidth(4))}
          />
          <ZAxis range={[110, 110]} />
          <Tooltip {...CHART_TOOLTIP} />
          <Legend verticalAlign="top" />
          {shipped.length > 0 && (
            <Scatter name="shipped models" data={shipped} fill="#9aa0ad" shape="square" isAnimationActive={false}>
              <LabelList dataKey="label" position="top" fill="#c8ccd6" fontSize={size.font + 1} />
            </Scatter>
          )}
          <Scatter name="your model's checks" data={path} fill="#7aa2ff" line={{ stroke: '#7aa2ff' }} isAnimationActive={false}>
            <ErrorBar dataKey="robustError" direction="y" stroke="#7aa2ff" strokeOpacity={0.5} />
          </Scatter>
          {end.length > 0 && (
            <Scatter name="final check" data={end} fill="#5fd38d" shape="diamond" isAnimationActive={false}>
              <ErrorBar dataKey="robustError" direction="y" stroke="#5fd38d" />
              <ErrorBar dataKey="cleanError" direction="x" stroke="#5fd38d" />
            </Scatter>
          )}
        </ScatterChart>
      </ResponsiveContainer>
      <p className="small muted" data-testid="tradeoff-note">
        {shipped.length > 0
          ? 'Grey squares: the shipped standard model (bottom right: accurate, not robust) and the robust model, on the final check’s 500 images. '
          : `No shipped model was measured at ${formatTrainingEps(eps)}. `}
        {last
          ? `Checks while training: ${last.images} held-out images, ${last.attack}, ` +
            `each figure good to ±${Math.round(100 * marginOfError(0.5, last.images ?? 0))} points at most (95%). `
          : 'Train a model and its path appears here, check by check. '}
        {final &&
          `Final check: ${final.images} images, ${final.attack}: ` +
            `clean ${pct(final.cleanAccuracy)}% ± ${pct(marginOfError(final.cleanAccuracy, final.images))}, ` +
            `PGD ${pct(final.robustAccuracy)}% ± ${pct(marginOfError(final.robustAccuracy, final.images))} (95%).`}
      </p>
    </figure>
  );
});
