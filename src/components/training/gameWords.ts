// The words under the game chart: who is ahead, what the losses say, and the price of robustness when clean
// accuracy falls early. Plain functions of the store's figures, so a test can check every sentence.
import type { GamePoint, TrainingPoint } from '../../state/trainingSlice.ts';

const pct = (v: number) => `${Math.round(100 * v)}%`;

/** The mean attacker success over the last k watched batches (one batch is noisy). */
function recent(game: readonly GamePoint[], k = 3): number {
  const last = game.slice(-k);
  return last.reduce((a, g) => a + g.attackerSuccess, 0) / last.length;
}

/** Who is ahead in the game, in one or two sentences; null before the first watched batch. */
export function whoIsAhead(game: readonly GamePoint[]): string | null {
  if (game.length === 0) return null;
  const now = recent(game);
  const first = game[0]!.attackerSuccess;
  const lead =
    now >= 0.6
      ? `The attacker is ahead: it fools the model on ${pct(now)} of the training images the model gets right.`
      : now >= 0.3
        ? `Neck and neck: the attacker fools the model on ${pct(now)} of the training images the model gets right.`
        : `The model is ahead: the attacker fools it on only ${pct(now)} of the training images it gets right.`;
  const trend =
    game.length >= 4 && first - now >= 0.1
      ? ` At the start it fooled ${pct(first)}: the model is learning to resist this attack.`
      : game.length >= 4 && now - first >= 0.1
        ? ` At the start it fooled ${pct(first)}: the attack is winning ground.`
        : '';
  return lead + trend;
}

/** The two losses of the latest watched batch, compared; null before the first. */
export function lossGap(game: readonly GamePoint[]): string | null {
  const g = game.at(-1);
  if (!g) return null;
  return (
    `Loss on this batch: ${g.adversarialLoss.toFixed(2)} on its adversarial versions against ${g.cleanLoss.toFixed(2)} on the clean images. ` +
    'Training lowers the first; the gap is the part of the model the attacker still exploits.'
  );
}

/** A clean-accuracy fall (in points) that the page explains. */
const NOTABLE_FALL = 0.1;

/** As the held-out and final check lines beside the notice print accuracies: one decimal. */
const pct1 = (v: number) => `${(100 * v).toFixed(1)}%`;

/** The figures the price notice compares, each one the page shows beside it. */
export interface PriceFigures {
  history: readonly TrainingPoint[];
  /** The starting model's clean accuracy on the final check's images (the shipped figure), if known. */
  startClean: number | null;
  /** The run's final check, once it has run: the notice then speaks of it, not of the last periodic check. */
  final: { cleanAccuracy: number } | null;
  /** What a measured run of the chosen preset ended at (null: a recipe of the user's own), and this run's budget. */
  measured: { clean: number; examples: number } | null;
  budget: number;
}

/**
 * When clean accuracy has fallen since the start (the starting model's figure, or else the first check) to the
 * figure shown now (the final check's once it has run, else the last check's): that this is the expected price,
 * and where a measured run of the same recipe ended (said with its own budget when this run's differs).
 */
export function priceNotice({ history, startClean, final, measured, budget }: PriceFigures): string | null {
  const checks = history.filter((p) => p.cleanAccuracy !== undefined);
  const first = startClean ?? checks[0]?.cleanAccuracy;
  // Without a starting figure the first check is the start, and a fall needs a later one.
  const now = final?.cleanAccuracy ?? (checks.length > (startClean === null ? 1 : 0) ? checks.at(-1)!.cleanAccuracy : undefined);
  if (first === undefined || now === undefined || first - now < NOTABLE_FALL) return null;
  const from = startClean === null ? 'the first check' : 'the starting model';
  const to = final ? 'the final check' : 'the latest check';
  const images = (n: number) => `${n.toLocaleString('en')} training images`;
  const run = measured === null || measured.examples === budget ? '' : ` (this run's budget: ${images(budget)})`;
  const back =
    measured !== null && measured.clean > now
      ? ` In our measurement a run of this recipe over ${images(measured.examples)}${run} ended at ${pct1(measured.clean)} clean.`
      : '';
  return (
    `Clean accuracy fell from ${pct1(first)} (${from}) to ${pct1(now)} (${to}): this is the expected price of robustness. ` +
    'The model is giving up the features an attacker can flip with a tiny change, and those features also helped on clean images.' +
    back
  );
}
