// The models the site ships (models/<id>/), by the id the picker, links and lessons use.

/** The undefended model: the page opens on it, and falls back to it. */
export const STANDARD_MODEL_ID = 'standard';
/** Its adversarially trained twin. */
export const ROBUST_MODEL_ID = 'robust';
/** The standard model behind an 8-bit rounding of its input (quantisedInput.ts): a defence that only looks strong. */
export const DEFENDED_MODEL_ID = 'defended';

/** Shipped models built from another's weight files: the id whose files they load (their card is their own). */
export const SHIPPED_BASE: Readonly<Record<string, string>> = { [DEFENDED_MODEL_ID]: STANDARD_MODEL_ID };

/**
 * The shipped models on the page's final check (the first 500 held-out images, clean and PGD-10 of step
 * 2.5 eps / 10 from a random start), at the epsilons the training presets use: the trade-off plane's fixed points.
 * From `/usr/bin/python3 scripts/train/class_recipe_sweep.py --shipped` (the PyTorch mirror, same weights);
 * `npm run bench:browser` part (d) measures them again with the page's own evaluate().
 */
export const SHIPPED_HELD_OUT: Readonly<Record<string, { clean: number; pgd: Readonly<Record<number, number>> }>> = {
  [STANDARD_MODEL_ID]: { clean: 0.922, pgd: { 4: 0, 8: 0 } },
  [ROBUST_MODEL_ID]: { clean: 0.686, pgd: { 4: 0.532, 8: 0.376 } },
};
