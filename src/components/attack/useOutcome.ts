import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store.ts';
import { attackKeyOf, liveKeyOf, outcomeOnImageShown, type AttackOutcome } from '../../state/attackSlice.ts';

/**
 * The outcome; whether it belongs to what is on screen now (else it is from a previous request); and, for live
 * FGSM, whether it is for another eps along the same direction (the slider has moved on while it was computed).
 * Another image's outcome is never shown: none until this image's arrives.
 */
export function useOutcome(): { outcome: AttackOutcome | null; fresh: boolean; catchingUp: boolean } {
  return useAppStore(
    useShallow((s) => {
      if (!outcomeOnImageShown(s)) return { outcome: null, fresh: false, catchingUp: false };
      const exact = s.outcome !== null && s.outcome.for === attackKeyOf(s);
      const alongSameDirection = s.outcome?.liveFor !== undefined && s.outcome.liveFor === liveKeyOf(s);
      return { outcome: s.outcome, fresh: exact || alongSameDirection, catchingUp: !exact && alongSameDirection };
    }),
  );
}
