// Draws the robustness curve: accuracy against epsilon for the chosen models, on held-out images.
import { robustnessCurve, type NamedClassifier } from '../../training/index.ts';
import { useAppStore } from '../../state/store.ts';
import type { CurveSeries } from '../../state/trainingSlice.ts';
import { getModel } from '../models/index.ts';
import { errorMessage, isAbortError, latestJob } from '../platform/index.ts';
import { evalImages } from './trainingData.ts';

// The panel draws one curve at a time: drawing again cancels the one in flight.
const curveJob = latestJob();

export async function runRobustnessCurve(modelIds: string[], attacks: ('fgsm' | 'pgd')[], images: number): Promise<void> {
  const signal = curveJob.start();
  const store = useAppStore.getState();
  store.setCurve({ status: 'running', progress: 0, series: [], message: undefined });
  let data: Awaited<ReturnType<typeof evalImages>> | null = null;
  try {
    const held = (data = await evalImages(images));
    const models: (NamedClassifier & { id: string })[] = [];
    for (const id of modelIds) {
      const { logits } = await getModel(id);
      models.push({ id, name: store.models.find((m) => m.id === id)?.name ?? id, model: logits });
    }
    const series: CurveSeries[] = [];
    for (const [i, attack] of attacks.entries()) {
      const curve = await robustnessCurve(models, held, {
        attack,
        signal,
        batchSize: 50,
        onProgress: (p) => useAppStore.getState().setCurve({ progress: (i + p.fraction) / attacks.length }),
      });
      curve.curves.forEach((cv, k) =>
        series.push({ modelId: models[k]!.id, modelName: cv.name, attack, points: curve.epsilons.map((eps, j) => ({ eps, accuracy: cv.accuracy[j]! })) }),
      );
      useAppStore.getState().setCurve({ series: [...series] });
    }
    useAppStore.getState().setCurve({ status: 'done', progress: 1 });
  } catch (e) {
    if (isAbortError(e)) useAppStore.getState().setCurve({ status: 'cancelled' });
    else useAppStore.getState().setCurve({ status: 'failed', message: `The curve could not be drawn: ${errorMessage(e)}` });
  } finally {
    data?.x.dispose();
    curveJob.finish(signal);
  }
}

export function cancelRobustnessCurve(): void {
  curveJob.cancel();
}
