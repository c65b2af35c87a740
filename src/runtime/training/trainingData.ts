// The training subset (5000 CIFAR-10 train images), loaded on first use (the held-out images: runtime/measure).
import { uint8ImageData, type TrainingData } from '../../training/index.ts';
import { imagesFromBytes } from '../../data/bytesToTensor.ts';
import { IMAGE_BYTES } from '../../data/cifar10.ts';
import { fetchOnce, loadSubset } from '../loadData.ts';
import { IMAGE_SHAPE } from '../../data/bytesToTensor.ts';

/** The training subset as 8-bit images row after row (HWC), with labels. Fetched only when someone trains: it
 * is the largest asset (about 12 MB). Callers must not change the bytes (copy them to hand them off). */
export function trainingBytes(): Promise<{ bytes: Uint8Array; labels: number[] }> {
  return fetchOnce('train', () =>
    loadSubset('train').then(({ images, manifest }) => {
      const bytes = new Uint8Array(images.length * IMAGE_BYTES);
      images.forEach((img, i) => bytes.set(img, i * IMAGE_BYTES));
      return { bytes, labels: manifest.labels };
    }),
  );
}

export async function trainingData(): Promise<TrainingData> {
  const { bytes, labels } = await trainingBytes();
  return uint8ImageData(bytes, labels, [...IMAGE_SHAPE]);
}
