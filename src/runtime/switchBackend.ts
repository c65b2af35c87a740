import type { BackendName } from '../state/backendSlice.ts';
import { useAppStore } from '../state/store.ts';
import { chooseBackend } from './backend.ts';
import { forgetModels } from './modelRegistry.ts';
import { rerunAttack, resetAttackRunner } from './attackRunner.ts';

/** The user picked another backend: models and cached tensors live on the old one, so rebuild them. */
export async function switchBackend(name: BackendName): Promise<void> {
  resetAttackRunner();
  forgetModels();
  useAppStore.setState({ backend: { status: 'starting' }, clean: null });
  try {
    useAppStore.getState().setBackendReady(await chooseBackend(name));
    rerunAttack();
  } catch (e) {
    useAppStore.getState().setBackendFailed(e instanceof Error ? e.message : String(e));
  }
}
