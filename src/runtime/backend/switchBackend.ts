// The user picked another backend: models and cached tensors live on the old one, so they are dropped and
// rebuilt on the new one.
import type { BackendInfo, BackendName } from '../../state/backendSlice.ts';
import { chooseBackend } from './backend.ts';
import { errorMessage } from '../../lib/index.ts';

/**
 * What keeps tensors on the current backend (loaded models, cached attack directions). backend/ does not
 * know them: the caller says how to drop them and how to redo what was on screen.
 */
export interface BackendTenants {
  /** Frees or forgets everything held on the old backend. */
  drop(): void;
  /** Redoes what was on screen, on the new backend. */
  rebuild(): void;
}

/** Where backend/ says how the backend is doing: the caller puts it in the store (backend/ does not). */
export interface BackendReport {
  /** The old backend is gone and the new one is starting. */
  starting(): void;
  ready(info: BackendInfo): void;
  failed(message: string): void;
  /** Something the user should know (a lost and recovered GPU context). */
  notice(text: string): void;
}

export async function moveToBackend(
  name: BackendName,
  tenants: BackendTenants,
  report: BackendReport,
  why: Pick<BackendInfo, 'reason' | 'chosenBy'> = {},
): Promise<void> {
  tenants.drop();
  report.starting();
  try {
    report.ready({ ...(await chooseBackend(name)), ...why });
    tenants.rebuild();
  } catch (e) {
    report.failed(errorMessage(e));
  }
}
