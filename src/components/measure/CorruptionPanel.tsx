import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../state/store.ts';
import { cancelCorruptionSweep, runCorruptionSweep } from '../../runtime/measure/index.ts';
import type { CorruptionSeries } from '../../state/measurementResults.ts';
import { CHART_TOOLTIP } from '../charts/tooltip.ts';
import { useChartSize } from '../charts/chartSize.ts';
import { MeasurementControls } from './MeasurementControls.tsx';

const COLORS = ['#7aa2ff', '#5fd38d', '#f0b45b', '#ff7a7a', '#c58cff', '#4fd1d9'];
const pct = (v: number) => Math.round(v * 1000) / 10;

/** One corruption: accuracy against severity (0 = clean), a line per model. */
function CorruptionChart({ id, label, series }: { id: string; label: string; series: CorruptionSeries[] }) {
  const size = useChartSize(170);
  const data = [0, 1, 2, 3, 4, 5].map((severity) => ({
    severity,
    ...Object.fromEntries(series.map((s) => [s.modelName, pct(severity === 0 ? s.clean : s.accuracy[id]![severity - 1]!)])),
  }));
  return (
    <figure className="corruption-chart" data-testid="corruption-chart" data-corruption={id}>
      <figcaption>{label}</figcaption>
      <p className="visually-hidden" data-testid="corruption-figures">
        {series
          .map((s) => `${s.modelName}: clean ${pct(s.clean)}%, ${s.accuracy[id]!.map((a, i) => `severity ${i + 1} ${pct(a)}%`).join(', ')}.`)
          .join(' ')}
      </p>
      <ResponsiveContainer width="100%" height={size.height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 6, right: 10, bottom: 14, left: 0 }}>
          <CartesianGrid stroke="#262a36" />
          <XAxis
            dataKey="severity"
            {...size.axis}
            label={{ value: 'severity (0: clean)', position: 'insideBottom', offset: -8, fill: '#9aa0ad', fontSize: size.font }}
          />
          <YAxis domain={[0, 100]} {...size.axis} tickFormatter={(v: number) => `${v}%`} width={size.axisWidth(4)} />
          <Tooltip {...CHART_TOOLTIP} formatter={(v) => `${String(v)}%`} labelFormatter={(l) => `severity ${String(l)}`} />
          {series.map((s, i) => (
            <Line key={s.modelId} dataKey={s.modelName} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Accuracy under common corruptions (CIFAR-10-C recipe) for several models, on the held-out images. */
export function CorruptionPanel() {
  const state = useAppStore((s) => s.measurements.corruptions);
  const c = state.result;
  return (
    <section className="panel corruptions" aria-label="Common corruptions" data-lesson-focus="corruptions">
      <h2>Common corruptions</h2>
      <p className="muted small">
        Accuracy when the held-out images are corrupted as in CIFAR-10-C (Hendrycks and Dietterich 2019): three noises, blur, contrast, fog,
        brightness, saturation, pixelation and JPEG, each at the recipe's five severities. Not an attack: nothing here looks at the model. Whether
        robustness to small adversarial changes carries over to these is a measurement, not a given.
      </p>
      <MeasurementControls
        state={state}
        models="many"
        // 100 images: about 20 s a model on WASM.
        imageCounts={[100, 200, 500]}
        labels={{ images: 'Number of images for the corruptions', progress: 'Corruption sweep progress' }}
        start="Measure under corruptions"
        onStart={(ids, images) => void runCorruptionSweep(ids, images)}
        onCancel={cancelCorruptionSweep}
        cancelled="Cancelled: the models measured before are shown."
        testId="corruptions"
      />
      {c.series.length > 0 && (
        <>
          <p className="muted small" data-testid="corruptions-caption">
            {state.n} held-out images; each chart starts at the clean accuracy (severity 0).
          </p>
          <ul className="corruption-legend" aria-label="Models">
            {c.series.map((s, i) => (
              <li key={s.modelId}>
                <span className="swatch" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />
                {s.modelName}
              </li>
            ))}
          </ul>
          <div className="corruption-grid">
            {c.kinds.map((k) => (
              <CorruptionChart key={k.id} id={k.id} label={k.label} series={c.series} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
