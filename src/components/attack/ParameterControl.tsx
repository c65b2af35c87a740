import { useId } from 'react';
import { formatParameter, type ParameterSpec } from '../../attacks/catalog.ts';
import type { LessonFocus } from '../../state/lessonTypes.ts';

interface Props {
  field: string;
  spec: ParameterSpec;
  value: number | boolean | string;
  onChange: (value: number | boolean | string) => void;
  disabled?: boolean;
  /** Before the field in data-param and the test id, where two forms share a field name ('training-'). */
  prefix?: string;
  /** What a lesson step can point at here (data-lesson-focus). */
  focus?: LessonFocus;
}

/** The unit after a value, unless the label already says it ("Steps: 10", not "Steps: 10 steps"); singular for 1. */
function unitText(label: string, unit: string, value: number): string {
  if (!unit || unit === '/255' || label.toLowerCase().includes(unit.toLowerCase())) return '';
  return value === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
}

/** One attack parameter as a control, built from the engine's description of it (label, unit, range, step). */
export function ParameterControl({ field: name, spec, value, onChange, disabled = false, prefix = '', focus }: Props) {
  const id = useId();
  const field = prefix + name;
  if (spec.type === 'boolean') {
    return (
      <div className="param param-boolean" title={spec.description}>
        <input id={id} type="checkbox" disabled={disabled} checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} data-param={field} />
        <label htmlFor={id}>{spec.label}</label>
      </div>
    );
  }
  if (spec.type === 'choice') {
    return (
      <div className="param" title={spec.description}>
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} disabled={disabled} value={String(value)} onChange={(e) => onChange(e.target.value)} data-param={field}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {spec.optionLabels[o] ?? o}
            </option>
          ))}
        </select>
      </div>
    );
  }
  const v = value as number;
  // Log-scale parameters (c, learning rate) slide over their exponent.
  const toSlider = (x: number) => (spec.logScale ? Math.log10(x) : x * spec.scale);
  const fromSlider = (s: number) => (spec.logScale ? Number((10 ** s).toPrecision(3)) : s / spec.scale);
  const sliderStep = spec.logScale ? 0.05 : spec.step * spec.scale;
  const shown = formatParameter(spec, v);
  return (
    <div className="param" title={spec.description} data-lesson-focus={focus}>
      <label htmlFor={id}>
        {spec.label}: <output data-testid={`param-${field}-value`}>{shown}</output>
        {unitText(spec.label, spec.unit, v) && <span className="muted"> {unitText(spec.label, spec.unit, v)}</span>}
      </label>
      <input
        id={id}
        type="range"
        min={toSlider(spec.min)}
        max={toSlider(spec.max)}
        step={sliderStep}
        disabled={disabled}
        value={toSlider(Math.min(spec.max, Math.max(spec.min, v)))}
        onChange={(e) => {
          let next = fromSlider(Number(e.target.value));
          if (spec.integer) next = Math.round(next);
          onChange(next);
        }}
        aria-valuetext={shown}
        data-param={field}
      />
    </div>
  );
}
