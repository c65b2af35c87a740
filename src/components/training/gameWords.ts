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
  const lead = now >= 0.6
    ? `The attacker is ahead: it fools the model on ${pct(now)} of the training images the model gets right.`
    : now >= 0.3
      ? `Neck and neck: the attacker fools the model on ${pct(now)} of the training images the model gets right.`
      : `The model is ahead: the attacker fools it on only ${pct(now)} of the training images it gets right.`;
  const trend = game.length >= 4 && first - now >= 0.1
    ? ` At the start it fooled ${pct(first)}: the model is learning to resist this attack.`
    : game.length >= 4 && now - first >= 0.1 ? ` At the start it fooled ${pct(first)}: the attack is winning ground.` : '';
  return lead + trend;
}

/** The two losses of the latest watched batch, compared; null before the first. */
export function lossGap(game: readonly GamePoint[]): string | null {
  const g = game.at(-1);
  if (!g) return null;
  return `Loss on this batch: ${g.adversarialLoss.toFixed(2)} on its adversarial versions against ${g.cleanLoss.toFixed(2)} on the clean images. ` +
    'Training lowers the first; the gap is the part of the model the attacker still exploits.';
}

/** A clean-accuracy fall (in points) that the page explains. */
const NOTABLE_FALL = 0.1;

/**
 * When clean accuracy has fallen since the start (the starting model's figure, or else the first check): that this
 * is the expected price, and how far it came back in the sweep's run of the same recipe (`measured`, if known).
 */
export function priceNotice(
  history: readonly TrainingPoint[], startClean: number | null, measured: { clean: number; examples: number } | null,
): string | null {
  const checks = history.filter((p) => p.cleanAccuracy !== undefined);
  if (checks.length < (startClean === null ? 2 : 1)) return null;
  const first = startClean ?? checks[0]!.cleanAccuracy!;
  const now = checks.at(-1)!.cleanAccuracy!;
  if (first - now < NOTABLE_FALL) return null;
  const back = measured !== null && measured.clean > now
    ? ` In our measurement this recipe climbed back to ${pct(measured.clean)} after ${measured.examples.toLocaleString('en')} training images.`
    : '';
  return `Clean accuracy fell from ${pct(first)} to ${pct(now)}: this is the expected price of robustness. ` +
    'The model is giving up the features an attacker can flip with a tiny change, and those features also helped on clean images.' + back;
}
