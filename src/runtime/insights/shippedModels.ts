// The insight views compare the models that ship with the app (an undefended and an adversarially trained one),
// whatever model the lab has selected.
import type { AppState } from '../../state/store.ts';

export const shippedModels = (s: AppState) => s.models.filter((m) => m.source === 'bundled').map((m) => ({ id: m.id, name: m.name }));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
