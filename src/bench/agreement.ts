// bench.html#agree&backend=<name>: what this browser's backend computes on a few test images, for
// tests/e2e/backends.test.ts to compare across WASM, WebGL and WebGPU: the clean logits, the input gradient, every
// attack at its capped budget with a fixed seed, and one seeded Fast-AT step (its loss and how far each weight moved).
import * as tf from '@tensorflow/tfjs';
import { ATTACK_KINDS, runAttack, type AttackKind } from '../attacks/index.ts';
import { errorMessage } from '../lib/index.ts';
import { chooseBackend } from '../runtime/backend/index.ts';
import { loadFromParts } from '../model/artifacts.ts';
import { toLogitsFn } from '../model/modelFn.ts';
import { foldInference } from '../model/foldedModel.ts';
import { evalImages } from '../runtime/measure/index.ts';
import { createOptimizer, methodDefaults, trainStep } from '../training/index.ts';
import { cappedConfig } from './measure.ts';

/** The backend's name, as runtime/backend reports it (bench/ does not read the store's types). */
type BackendName = Awaited<ReturnType<typeof chooseBackend>>['name'];

const IMAGES = 2;
const SEED = 7;

export interface AttackOutcome {
  advPred: number[];
  success: boolean[];
  l2: number[];
  linf: number[];
  /** The adversarial pixels, flattened. */
  adversarial: number[];
}

export interface Agreement {
  backend: BackendName;
  logits: number[];
  gradient: number[];
  attacks: Partial<Record<AttackKind, AttackOutcome | { error: string }>>;
  training: { loss: number; moved: number[] } | { error: string };
}

async function main(): Promise<Agreement> {
  const params = new URLSearchParams(location.hash.slice(1));
  const asked = params.get('backend') as BackendName | null;
  const info = await chooseBackend(asked ?? 'wasm');
  if (asked && info.name !== asked) throw new Error(`${asked} did not start: ${info.fallbacks.join('; ')}`);
  const base = `${import.meta.env.BASE_URL}models/standard/`;
  const load = async () => loadFromParts(await (await fetch(`${base}model.json`)).text(), async (p) => (await fetch(base + p)).arrayBuffer());
  const model = await load();
  // The function the app attacks (models/registry.ts): BatchNorm folded in when the layers allow it.
  const f = foldInference(model)?.modelFn ?? toLogitsFn(model);
  const { x, labels } = await evalImages(IMAGES);
  const logits = tf.tidy(() => f(x));
  const y = tf.oneHot(labels, 10);
  const gradient = tf.grad((v: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, f(v as tf.Tensor4D)) as tf.Scalar)(x);
  const result: Agreement = {
    backend: info.name,
    logits: Array.from(await logits.data()),
    gradient: Array.from(await gradient.data()),
    attacks: {},
    training: { error: 'not run' },
  };
  tf.dispose([logits, y, gradient]);
  for (const kind of ATTACK_KINDS) {
    try {
      const r = await runAttack(f, x, labels, cappedConfig(kind), { seed: SEED });
      result.attacks[kind] = {
        advPred: r.advPred,
        success: r.success,
        l2: r.norms.map((n) => n.l2),
        linf: r.norms.map((n) => n.linf),
        adversarial: Array.from(await r.adversarial.data()),
      };
      r.adversarial.dispose();
    } catch (e) {
      result.attacks[kind] = { error: errorMessage(e) };
    }
  }
  try {
    const copy = await load();
    const before = copy.trainableWeights.map((w) => w.read().clone());
    const sgd = createOptimizer('sgd', 0.01);
    const step = await trainStep(copy, sgd.optimizer, { x, labels }, methodDefaults('fast'), { weightDecay: 5e-4, seed: SEED });
    const moved = await Promise.all(
      copy.trainableWeights.map(async (w, i) => {
        const d = tf.tidy(() => tf.norm(tf.sub(w.read(), before[i]!)));
        const v = (await d.data())[0]!;
        d.dispose();
        return v;
      }),
    );
    result.training = { loss: step.loss, moved };
    tf.dispose(before);
    sgd.dispose();
    copy.dispose();
  } catch (e) {
    result.training = { error: errorMessage(e) };
  }
  x.dispose();
  model.dispose();
  return result;
}

main().then(
  (r) => {
    document.getElementById('out')!.textContent = `done on ${r.backend}`;
    (window as unknown as { __agreement: unknown }).__agreement = r;
  },
  (e: unknown) => {
    document.getElementById('out')!.textContent = `failed: ${errorMessage(e)}`;
    (window as unknown as { __agreement: unknown }).__agreement = { error: errorMessage(e) };
  },
);
