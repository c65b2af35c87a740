import { CLASS_COLOURS, cssColour } from '../../insights/classPalette.ts';

/** The ten class colours of the landscape, named. */
export function LandscapeLegend({ classNames }: { classNames: string[] }) {
  return (
    <ul className="landscape-legend" aria-label="Class colours">
      {CLASS_COLOURS.map((_, c) => (
        <li key={c}>
          <span className="swatch" style={{ background: cssColour(c) }} aria-hidden="true" />
          {classNames[c] ?? c}
        </li>
      ))}
    </ul>
  );
}
