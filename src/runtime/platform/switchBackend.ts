// The user picked another backend: models and cached tensors live on the old one, so they are dropped and
// rebuilt on the new one.
import type { BackendInfo, BackendName } from '../../state/backendSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { chooseBackend } from './backend.ts';
import { errorMessage } from './errors.ts';

/**
 * What keeps tensors on the current backend (loaded models, cached attack directions). The platform does not
 * know them: the caller says how to drop them and how to redo what was on screen.
 */
export interface BackendTenants {
  /** Frees or forgets everything held on the old backend. */
  drop(): void;
  /** Redoes what was on screen, on the new backend. */
  rebuild(): void;
}

export async function moveToBackend(name: BackendName, tenants: BackendTenants, why: Pick<BackendInfo, 'reason' | 'chosenBy'> = {}): Promise<void> {
  tenants.drop();
  useAppStore.setState({ backend: { status: 'starting' }, clean: null });
  try {
    useAppStore.getState().setBackendReady({ ...(await chooseBackend(name)), ...why });
    tenants.rebuild();
  } catch (e) {
    useAppStore.getState().setBackendFailed(errorMessage(e));
  }
}
