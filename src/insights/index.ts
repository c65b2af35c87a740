// Views of why attacks work: input gradients and the decision landscape around an image. Pure: tfjs and the
// attack engine's objectives only, no DOM or store; runs in Node and in the browser.
export { inputGradient } from './inputGradient.ts';
export { magnitudeRgb, signedRgb } from './gradientMaps.ts';
export { planeDirections, type Plane } from './plane.ts';
export { gridOffsets, gridPoint, nearestCell, type GridPoint } from './grid.ts';
export { LANDSCAPE_DEFAULTS, adaptedBatch, computeLandscape, planePoints, type Landscape, type LandscapeOptions } from './landscape.ts';
