import { useAppStore } from '../../state/store.ts';
import type { TrainingStatus } from '../../state/trainingSlice.ts';
import { updateToNewVersion } from '../../runtime/offline/index.ts';
import { offlineText } from './offlineText.ts';

const TRAINING_IN_PROGRESS: readonly TrainingStatus[] = ['preparing', 'running', 'paused', 'checking'];

/** The offline copy and a new version, where they change what the user can do now. */
export function OfflineBanner() {
  const { copy, online, updateReady } = useAppStore((s) => s.offline);
  const training = useAppStore((s) => TRAINING_IN_PROGRESS.includes(s.training.status));
  const text = offlineText(copy);
  return (
    <>
      {!online && text && (
        <p className={`offline-banner ${copy === 'saved' ? '' : 'warn'}`} role="status" data-testid="offline-banner">
          {text}
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
