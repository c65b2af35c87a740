// Which CIFAR-10 images the app ships, and why that many.
export interface SubsetSpec {
  name: 'gallery' | 'eval' | 'train';
  split: 'test' | 'train';
  perClass: number;
  /** Skip this many images of each class first, so subsets of one split do not overlap. */
  skipPerClass: number;
}

export const SUBSETS: SubsetSpec[] = [
  // The eval set is the first 100 test images of each class: robustness curves run on it.
  { name: 'eval', split: 'test', perClass: 100, skipPerClass: 0 },
  // The gallery comes after it, so a gallery image is never part of the evaluation.
  { name: 'gallery', split: 'test', perClass: 12, skipPerClass: 100 },
  // Fine-tuning in the browser: 500 train images per class, loaded only when training starts.
  { name: 'train', split: 'train', perClass: 500, skipPerClass: 0 },
];

/** Bump when the shipped layout changes so stale public/data is rebuilt. */
export const ASSET_VERSION = 1;
