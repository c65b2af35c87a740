import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { LandscapeMap } from '../../state/insightSlice.ts';
import { landscapeRgb } from '../../insights/classPalette.ts';
import { PixelImage } from '../common/PixelImage.tsx';
import { landscapeFacts } from './landscapeFacts.ts';
import { useImageSize } from './useImageSize.ts';

interface Cell {
  row: number;
  col: number;
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
const pct = (p: number) => `${Math.round(p * 100)}%`;
const fmt = (v: number) => `${v > 0 ? '+' : ''}${+v.toFixed(1)}/255`;

/** One model's landscape: hover (or focus and arrow keys) reads the class and confidence at a point. */
export function LandscapeMapView({ map, classNames, markerLabel }: { map: LandscapeMap; classNames: string[]; markerLabel: string }) {
  const n = map.size;
  const mid = (n - 1) / 2;
  const display = useImageSize(205);
  const pixels = useMemo(() => landscapeRgb(map.pred, map.confidence), [map]);
  const facts = useMemo(() => landscapeFacts(map), [map]);
  const [cell, setCell] = useState<Cell | null>(null);
  const coef = (i: number) => (map.radius * 255 * (i - mid)) / mid;
  const name = (c: number) => classNames[c] ?? String(c);

  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
    setCell({ col: clamp((e.clientX - r.left) / r.width), row: clamp((e.clientY - r.top) / r.height) });
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const from = cell ?? { row: mid, col: mid };
    setCell({ row: Math.max(0, Math.min(n - 1, from.row + move[0])), col: Math.max(0, Math.min(n - 1, from.col + move[1])) });
  };
  const shown = cell ?? { row: mid, col: mid };
  const i = shown.row * n + shown.col;
  const where = cell ? `at ${fmt(coef(shown.col))} along the attack, ${fmt(-coef(shown.row))} across` : 'at the image (centre)';
  const advCol = map.adversarialAt === null ? null : Math.round(mid + (map.adversarialAt / map.radius) * mid);
  const advInside = advCol !== null && advCol <= n - 1;
  const at = (k: number) => `${((k + 0.5) / n) * 100}%`;

  return (
    <figure className="landscape" data-testid={`landscape-${map.modelId}`} data-centre-class={name(facts.centreClass)}>
      <figcaption className="landscape-model">{map.name}</figcaption>
      <div className="landscape-plot">
        <span className="axis-y small muted" aria-hidden="true">
          random direction →
        </span>
        <div
          className="landscape-map"
          tabIndex={0}
          role="group"
          onMouseMove={onMove}
          onMouseLeave={() => setCell(null)}
          onKeyDown={onKey}
          onBlur={() => setCell(null)}
          style={{ width: display, height: display }}
          aria-label={`Decision landscape of ${map.name}. Arrow keys read the model's answer at other points.`}
        >
          <PixelImage
            pixels={pixels}
            size={n}
            displaySize={display}
            className="landscape-image"
            label={
              `${map.name}: ${name(facts.centreClass)} covers ${pct(facts.share)} of the plane; ` +
              (facts.flipsAt === null
                ? 'the answer holds over the whole attack axis'
                : `the answer changes ${fmt(facts.flipsAt * 255)} along the attack`)
            }
          />
          <span className="mark centre" style={{ left: at(mid), top: at(mid) }} aria-hidden="true" />
          {advInside && <span className="mark adversarial" style={{ left: at(advCol), top: at(mid) }} aria-hidden="true" />}
          {cell && <span className="mark cursor" style={{ left: at(cell.col), top: at(cell.row) }} aria-hidden="true" />}
        </div>
        {/* In the map's own column of the grid: each label sits under the point it names. */}
        <div className="axis-x small muted" aria-hidden="true" data-testid={`landscape-axis-${map.modelId}`}>
          <span>{fmt(-map.radius * 255)}</span>
          <span>0</span>
          <span>{fmt(map.radius * 255)}</span>
        </div>
        <div className="axis-x-title small muted" aria-hidden="true">
          attack direction →
        </div>
      </div>
      <p className="landscape-readout" aria-live="polite" data-testid={`landscape-readout-${map.modelId}`}>
        <strong>{name(map.pred[i]!)}</strong> {pct(map.confidence[i]!)} {where}
      </p>
      <p className="small">
        {facts.flipsAt === null
          ? `Holds ${name(facts.centreClass)} all the way to ${fmt(map.radius * 255)} along the attack.`
          : `The answer changes ${fmt(facts.flipsAt * 255)} along the attack.`}
        {!advInside && map.adversarialAt !== null && ` ${markerLabel} lies beyond the plotted range.`}
      </p>
    </figure>
  );
}
