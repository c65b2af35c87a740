import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store.ts';
import { attackKeyOf, type AttackOutcome } from '../../state/attackSlice.ts';

/** The outcome, and whether it belongs to what is on screen now (else it is from a previous request). */
export function useOutcome(): { outcome: AttackOutcome | null; fresh: boolean } {
  return useAppStore(
    useShallow((s) => {
      const key = attackKeyOf(s);
      return { outcome: s.outcome, fresh: s.outcome !== null && s.outcome.for === key };
    }),
  );
}
