// What happens when the page opens: pick a backend and load the gallery, each reporting to the store; and what
// a change of backend (the user's choice, or a lost WebGL context) drops and rebuilds.
//
// The runtime's rooms, each mapped at the top of its index.ts:
//   backend/   tfjs's backend: choice by measurement and switching, context loss, WASM threads, our kernels installed
//   offline/   cross-origin isolation and the offline copy, both through our service worker
//   files/     image decoding and downloads
//   jobs/      the one job primitive (latest wins, keyed read-outs) and the page's jobs
//   models/    every model in the picker: one loader per source, the loaded-model registry, saved and uploaded
//   lab/       the attack lab: clean prediction, attack runner, outcome, insights, the user's image
//   measure/   the measurements (robustness curve, reliable figure, corruption sweep), all through runMeasurement
//   training/  fine-tuning (in a worker, on the backend it times fastest there)
// Beside them: loadData.ts (the CIFAR-10 subsets) and share.ts (downloads and links).
import { errorMessage } from '../lib/index.ts';
import { useAppStore } from '../state/store.ts';
import type { BackendInfo, BackendName } from '../state/backendSlice.ts';
import { decodeHash } from '../state/urlSchema.ts';
import {
  chooseBackend,
  choiceRecord,
  choosePageThreads,
  gpuCandidates,
  userChoiceReason,
  measureBackendChoice,
  moveToBackend,
  rememberChoice,
  rememberedChoice,
  watchContextLoss,
  type BackendReport,
  type BackendTenants,
} from './backend/index.ts';
import { watchOffline } from './offline/index.ts';
import { forgetModels, listSavedModels } from './models/index.ts';
import { rerunAttack, resetAttackRunner } from './lab/index.ts';
import { cancelInsights } from './insights/index.ts';
import { loadManifest, loadSubset } from './loadData.ts';
import { applyHash, startHashSync } from './share.ts';
import { followLessonAddress } from './lessons/index.ts';

/** Everything that keeps tensors on the backend: the loaded models and the attack runner's cached direction. */
const TENANTS: BackendTenants = {
  drop: () => {
    resetAttackRunner();
    cancelInsights();
    forgetModels();
  },
  rebuild: rerunAttack,
};

/** The page's backend is ready: into the store, and watched for a lost GPU context or device. */
function backendReady(info: BackendInfo): void {
  useAppStore.getState().setBackendReady(info);
  watchContextLoss(TENANTS, REPORT);
}

/** What backend/ says about the backend, into the store. */
const REPORT: BackendReport = {
  starting: () => useAppStore.setState({ backend: { status: 'starting' }, clean: null }),
  ready: backendReady,
  failed: (message) => useAppStore.getState().setBackendFailed(message),
  notice: (text) => useAppStore.getState().setNotice(text),
};

/**
 * The backend to start on: the link's, else the one measured fastest in this browser (remembered), else the fastest
 * of WASM and every GPU present, timed now (a GPU's name alone decides nothing). Without a GPU candidate, WebGL is
 * tried and the fallback says why it is not there.
 */
async function startingChoice(forced: BackendName | undefined): Promise<Pick<BackendInfo, 'name' | 'reason' | 'chosenBy'>> {
  const gpus = await gpuCandidates();
  if (forced) return { name: forced, reason: userChoiceReason(forced, gpus, `the link asks for ${forced} (backend=${forced})`), chosenBy: 'link' };
  const remembered = rememberedChoice(gpus);
  if (remembered) {
    const user = remembered.reason === USER_CHOICE;
    const reason = user ? userChoiceReason(remembered.name, gpus, USER_CHOICE) : remembered.reason;
    return { name: remembered.name, reason: `${reason}; remembered from an earlier visit`, chosenBy: user ? 'user' : 'measurement' };
  }
  const measured = await measureBackendChoice(gpus);
  if (!measured) return { name: 'webgl' };
  rememberChoice(choiceRecord(gpus, measured));
  return { name: measured.name, reason: measured.reason, chosenBy: 'measurement' };
}

/** The offline copy, the network and a waiting new version, into the store. */
export function startOfflineCopy(): void {
  const { setOffline } = useAppStore.getState();
  void watchOffline({
    copy: (copy) => setOffline({ copy }),
    online: (online) => setOffline({ online }),
    updateReady: () => setOffline({ updateReady: true }),
  });
}

/** Starts on the chosen backend; falls back from there. */
export async function startBackend(): Promise<void> {
  // Read now: the address follows the lab's state once the gallery is in, which may be before the threads are chosen.
  const forced = decodeHash(window.location.hash).backend;
  try {
    // Before any WASM starts on the page: its thread count is fixed from then on.
    useAppStore.getState().setThreadChoice('page', await choosePageThreads());
    const choice = await startingChoice(forced);
    const { name: _, ...why } = choice;
    backendReady({ ...(await chooseBackend(choice.name)), ...why });
    void listSavedModels();
  } catch (e) {
    useAppStore.getState().setBackendFailed(errorMessage(e));
  }
}

/** The user picked another backend: it is remembered for this browser's next visits. */
export async function switchBackend(name: BackendName): Promise<void> {
  const gpus = await gpuCandidates();
  rememberChoice(choiceRecord(gpus, { name, reason: USER_CHOICE }));
  return moveToBackend(name, TENANTS, REPORT, { reason: userChoiceReason(name, gpus, USER_CHOICE), chosenBy: 'user' });
}

const USER_CHOICE = 'you chose it';

export async function startGallery(): Promise<void> {
  try {
    const [{ classNames }, gallery] = await Promise.all([loadManifest(), loadSubset('gallery')]);
    const images = gallery.images
      .map((pixels, id) => ({ id, pixels, label: gallery.manifest.labels[id]!, sourceIndex: gallery.manifest.sourceIndex[id]! }))
      // Grouped by class, so a class is easy to find in front of a room.
      .sort((a, b) => a.label - b.label || a.sourceIndex - b.sourceIndex);
    useAppStore.getState().setGallery(images, classNames);
    useAppStore.getState().selectImage(images[0]!.id);
    // A shared link restores its state once the gallery it refers to is here.
    if (window.location.hash.length > 1) applyHash(window.location.hash);
    // A lesson the link names (lesson=, step=) opens once the gallery its steps refer to is here.
    void followLessonAddress(window.location.hash);
    // Editing the address sets the state it describes; from then on the address follows the state.
    // Read once: applying the state rewrites the address at once, before the lesson it names has opened.
    window.addEventListener('hashchange', () => {
      const hash = window.location.hash;
      applyHash(hash);
      void followLessonAddress(hash);
    });
    startHashSync();
  } catch (e) {
    useAppStore.getState().setGalleryFailed(errorMessage(e));
  }
}
