// A user's own tfjs LayersModel: model.json plus its weight files, chosen together in a file picker.
import { loadFromParts } from '../../model/artifacts.ts';
import { toLogitsFn } from '../../model/modelFn.ts';
import { useAppStore } from '../../state/store.ts';
import { JOBS } from '../jobs/index.ts';
import { registerLoadedModel } from './registry.ts';
import { blankPrediction } from './classify.ts';

const baseName = (p: string) => p.split('/').pop() ?? p;

/**
 * Loads the chosen files and puts the model in the picker. The newest upload is the one selected and the one whose
 * error shows (a job, latestOnly): an older upload that finishes later still joins the picker, as the user's model,
 * but does not take the selection from the newer one.
 */
export async function uploadModel(files: File[]): Promise<void> {
  useAppStore.getState().setModelError(null);
  await JOBS.upload.run({
    work: async () => {
      const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
      if (jsons.length !== 1) {
        const missing = 'Choose the model.json file together with its .bin weight files.';
        throw new Error(jsons.length === 0 ? missing : 'Choose exactly one model.json file.');
      }
      const byName = new Map(files.map((f) => [f.name, f]));
      const model = await loadFromParts(await jsons[0]!.text(), async (p) => byName.get(baseName(p))?.arrayBuffer());
      try {
        // One real prediction proves the weights fit the layers.
        const probs = await blankPrediction(toLogitsFn(model));
        if (probs.some((p) => !Number.isFinite(p))) throw new Error('The model outputs NaN or infinite values.');
      } catch (e) {
        model.dispose();
        throw e;
      }
      const fileName = jsons[0]!.name.replace(/\.json$/i, '');
      // The random part keeps two uploads in the same millisecond apart.
      const id = `upload:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`;
      registerLoadedModel(id, model);
      const name = `${fileName === 'model' ? 'Uploaded model' : fileName} (uploaded)`;
      useAppStore.getState().addModel({ id, name, source: 'upload', status: 'ready' });
      return id;
    },
    done: (id) => useAppStore.getState().selectModel(id),
    failed: (message) => useAppStore.getState().setModelError(`That model could not be used: ${message}`),
  });
}
