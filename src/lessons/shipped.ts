// The lessons that ship with the app, under public/lessons/ (so they are in the built site and a link can name
// them). Their title is the one in the file: the test of the shipped lesson checks both agree.
export interface ShippedLesson {
  title: string;
  /** Relative to the page, as a link's lesson= names it. */
  path: string;
}

export const SHIPPED_LESSONS: readonly ShippedLesson[] = [
  { title: 'Adversarial examples in ten minutes', path: 'lessons/adversarial-examples-in-ten-minutes.json' },
  { title: 'Adversarial training in ten minutes', path: 'lessons/adversarial-training-in-ten-minutes.json' },
  { title: 'How not to fool yourself', path: 'lessons/how-not-to-fool-yourself.json' },
];
