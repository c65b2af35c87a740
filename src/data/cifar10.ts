// CIFAR-10 facts shared by the app, the scripts and the tests.
export const CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;
export const NUM_CLASSES = 10;
export const IMAGE_SIZE = 32;
export const IMAGE_BYTES = IMAGE_SIZE * IMAGE_SIZE * 3;

/** One subset the app serves from public/data: a sprite PNG (row i = image i) and its labels. */
export interface SubsetManifest {
  sprite: string;
  split: 'test' | 'train';
  count: number;
  labels: number[];
  /** Index of each image in the original CIFAR-10 split. */
  sourceIndex: number[];
}

export interface DataManifest {
  version: number;
  classNames: string[];
  subsets: { gallery: SubsetManifest; eval: SubsetManifest; train: SubsetManifest };
}
