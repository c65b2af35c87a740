// Ten colours, one per CIFAR-10 class, distinct on the dark page (a qualitative palette, hand-picked), and the
// landscape drawn with them.

export const CLASS_COLOURS: readonly (readonly [number, number, number])[] = [
  [230, 25, 75], // airplane: red
  [245, 130, 48], // automobile: orange
  [255, 225, 25], // bird: yellow
  [60, 180, 75], // cat: green
  [70, 240, 240], // deer: cyan
  [0, 130, 200], // dog: blue
  [145, 30, 180], // frog: purple
  [240, 50, 230], // horse: magenta
  [170, 110, 40], // ship: brown
  [250, 190, 212], // truck: pink
];

export const cssColour = (c: number) => `rgb(${CLASS_COLOURS[c]!.join(', ')})`;

/**
 * Each grid point in its class's colour, darker where the model is less sure: full colour at probability 1,
 * 35% at chance (0.1), so the boundaries between regions show as dark seams.
 */
export function landscapeRgb(pred: ArrayLike<number>, confidence: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(pred.length * 3);
  for (let i = 0; i < pred.length; i++) {
    const shade = 0.35 + 0.65 * Math.max(0, Math.min(1, (confidence[i]! - 0.1) / 0.9));
    const c = CLASS_COLOURS[pred[i]!]!;
    for (let k = 0; k < 3; k++) out[3 * i + k] = Math.round(c[k]! * shade);
  }
  return out;
}
