// A user's own tfjs LayersModel: model.json plus its weight files, chosen together in a file picker.
import { loadFromParts } from '../../model/artifacts.ts';
import { toLogitsFn } from '../../model/modelFn.ts';
import { useAppStore } from '../../state/store.ts';
import { errorMessage } from '../../lib/index.ts';
import { registerLoadedModel } from './registry.ts';
import { blankPrediction } from './classify.ts';

const baseName = (p: string) => p.split('/').pop() ?? p;

export async function uploadModel(files: File[]): Promise<void> {
  const store = useAppStore.getState();
  store.setModelError(null);
  try {
    const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
    if (jsons.length !== 1) {
      throw new Error(jsons.length === 0 ? 'Choose the model.json file together with its .bin weight files.' : 'Choose exactly one model.json file.');
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
    const name = jsons[0]!.name.replace(/\.json$/i, '') === 'model' ? 'Uploaded model' : jsons[0]!.name.replace(/\.json$/i, '');
    const id = `upload:${Date.now()}`;
    registerLoadedModel(id, model);
    store.addModel({ id, name: `${name} (uploaded)`, source: 'upload', status: 'ready' });
    store.selectModel(id);
  } catch (e) {
    store.setModelError(`That model could not be used: ${errorMessage(e)}`);
  }
}
