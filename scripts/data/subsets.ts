// Balanced, deterministic subsets: images skipPerClass .. skipPerClass+perClass-1 of each class, in data-set order.

export function firstPerClass(labels: ArrayLike<number>, perClass: number, skipPerClass = 0, numClasses = 10): number[] {
  const seen = new Array<number>(numClasses).fill(0);
  const picked: number[] = [];
  for (let i = 0; i < labels.length && picked.length < perClass * numClasses; i++) {
    const c = labels[i]!;
    const rank = seen[c]!++;
    if (rank >= skipPerClass && rank < skipPerClass + perClass) picked.push(i);
  }
  if (picked.length < perClass * numClasses) {
    throw new Error(`Not enough images for ${perClass} per class (found ${picked.length})`);
  }
  return picked;
}

export function gather(rgb: Uint8Array, indices: number[], imageBytes: number): Uint8Array {
  const out = new Uint8Array(indices.length * imageBytes);
  indices.forEach((src, dst) => out.set(rgb.subarray(src * imageBytes, (src + 1) * imageBytes), dst * imageBytes));
  return out;
}
