import { useAppStore } from '../../state/store.ts';
import type { OfflineCopy } from '../../state/backendSlice.ts';
import type { TrainingStatus } from '../../state/trainingSlice.ts';
import { updateToNewVersion } from '../../runtime/offline/index.ts';

/** What works with the network gone, by what this browser has saved. */
const OFFLINE_TEXT: Record<OfflineCopy, string | null> = {
  checking: null,
  saved: 'You are offline. Epsilon runs from the copy saved in this browser: the lab, both models, the lessons and training work as before.',
  saving: 'You are offline, and this browser had not finished saving Epsilon: what has not loaded yet cannot load until the network is back.',
  failed: 'You are offline, and this browser could not save Epsilon: what has not loaded yet cannot load until the network is back.',
  none: 'You are offline, and this browser keeps no copy of Epsilon here: what has not loaded yet cannot load until the network is back.',
};

const TRAINING_IN_PROGRESS: readonly TrainingStatus[] = ['preparing', 'running', 'paused', 'checking'];

/** The offline copy and a new version, where they change what the user can do now. */
export function OfflineBanner() {
  const { copy, online, updateReady } = useAppStore((s) => s.offline);
  const training = useAppStore((s) => TRAINING_IN_PROGRESS.includes(s.training.status));
  return (
    <>
      {!online && OFFLINE_TEXT[copy] && (
        <p className={`offline-banner ${copy === 'saved' ? '' : 'warn'}`} role="status" data-testid="offline-banner">
          {OFFLINE_TEXT[copy]}
        </p>
      )}
      {updateReady && (
        <div className="offline-banner" role="status" data-testid="update-banner">
          <span>
            A new version of Epsilon is ready.{' '}
            {training ? 'Reloading stops the training in progress: save your model first.' : 'Reloading keeps the settings in the address.'}
          </span>
          <button type="button" onClick={() => void updateToNewVersion()}>
            Reload to update
          </button>
        </div>
      )}
    </>
  );
}
