/** A share as a chart plots it: 0.7234 -> 72.3 (percent, one decimal). */
export const percentPoints = (v: number) => Math.round(v * 1000) / 10;
