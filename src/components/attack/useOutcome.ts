import { useShallow } from 'zustand/react/shallow';
import { modelKey } from '../../state/modelSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { currentImage } from '../../state/gallerySlice.ts';
import { currentConfig, SUPPORTS_TARGET, type AttackOutcome } from '../../state/attackSlice.ts';

/** The outcome, and whether it belongs to what is on screen now (else it is from a previous request). */
export function useOutcome(): { outcome: AttackOutcome | null; fresh: boolean } {
  return useAppStore(
    useShallow((s) => {
      const img = currentImage(s);
      const config = currentConfig(s);
      const target = SUPPORTS_TARGET[config.kind] ? s.target : null;
      const key = img ? `${img.key}|${modelKey(s)}|${JSON.stringify(config)}|${target}` : null;
      return { outcome: s.outcome, fresh: s.outcome !== null && s.outcome.for === key };
    }),
  );
}
