// The shareable state <-> the URL hash. Declarative: each key has one reader and one writer. Every value
// read is validated and clamped; an unknown key or a bad value is ignored, never trusted.
import type { AttackConfig, AttackKind, Norm } from '../attacks/types.ts';
import { ATTACK_DEFAULTS, PARAMETERS, defaultsFor, parameterSpec, type NumberParameter } from '../attacks/defaults.ts';
import { HIDEABLE, type Hideable, type ViewFlags } from './uiSlice.ts';

/** What a link carries. Attack parameters are in stored units (eps 8/255 as 0.0314...). */
export interface SharedState {
  /** CIFAR-10 test index of a gallery image. */
  image?: number;
  model?: string;
  /** Preferred tfjs backend (falls back from there). */
  backend?: 'webgl' | 'wasm' | 'cpu';
  attack?: AttackKind;
  config?: AttackConfig;
  target?: number | null;
  view?: Partial<ViewFlags>;
}

const KINDS = Object.keys(ATTACK_DEFAULTS) as AttackKind[];
const MODEL_ID = /^[a-z0-9-]{1,40}$/;

function readInt(v: string, min: number, max: number): number | undefined {
  if (!/^-?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? Math.min(max, Math.max(min, n)) : undefined;
}

function readNumber(spec: NumberParameter, v: string): number | undefined {
  // Shown units in the URL (eps=8 means 8/255 for L-infinity), as the user reads them on the page.
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(v)) return undefined;
  const shown = Number(v);
  if (!Number.isFinite(shown)) return undefined;
  let stored = Math.min(spec.max, Math.max(spec.min, shown / spec.scale));
  if (spec.integer) stored = Math.round(stored);
  return stored;
}

const writeNumber = (spec: NumberParameter, value: number) => String(Number((value * spec.scale).toPrecision(6)));

/** Parses a location hash ("#a=1&b=2" or "a=1&b=2"). Never throws. */
export function decodeHash(hash: string): SharedState {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return {};
  }
  const out: SharedState = {};
  const get = (k: string) => params.get(k) ?? undefined;

  const image = get('image');
  if (image !== undefined) {
    const n = readInt(image, 0, 9999);
    if (n !== undefined) out.image = n;
  }
  const model = get('model');
  if (model !== undefined && MODEL_ID.test(model)) out.model = model;

  const backend = get('backend');
  if (backend === 'webgl' || backend === 'wasm' || backend === 'cpu') out.backend = backend;

  const attack = get('attack');
  const kind = KINDS.find((k) => k === attack);
  if (kind) {
    out.attack = kind;
    const norm = get('norm');
    // That norm's defaults first: eps and step sizes have different units in L2 and L-infinity.
    const config = defaultsFor(kind, norm === 'linf' || norm === 'l2' ? norm : undefined) as unknown as Record<string, unknown>;
    const normOf = (config.norm as Norm | undefined) ?? 'linf';
    for (const field of Object.keys(PARAMETERS[kind])) {
      const raw = get(field);
      const spec = parameterSpec(kind, field, normOf);
      if (raw === undefined || !spec) continue;
      if (spec.type === 'number') {
        const v = readNumber(spec, raw);
        if (v !== undefined) config[field] = v;
      } else if (spec.type === 'boolean' && ['1', '0', 'true', 'false'].includes(raw)) {
        config[field] = raw === '1' || raw === 'true';
      }
    }
    out.config = config as unknown as AttackConfig;
  }
  const target = get('target');
  if (target !== undefined) out.target = target === 'none' ? null : (readInt(target, 0, 9) ?? null);

  const view: Partial<ViewFlags> = {};
  const cmap = get('colormap');
  if (cmap === 'amplified' || cmap === 'diverging') view.colormap = cmap;
  const hide = get('hide');
  if (hide !== undefined) view.hidden = [...new Set(hide.split(',').filter((h): h is Hideable => (HIDEABLE as readonly string[]).includes(h)))];
  const big = get('big');
  if (big === '1' || big === '0') view.bigText = big === '1';
  if (Object.keys(view).length) out.view = view;
  return out;
}

/** Writes the shareable state as a hash (without '#'), leaving out what equals the defaults. */
export function encodeHash(s: SharedState): string {
  const p = new URLSearchParams();
  if (s.image !== undefined) p.set('image', String(s.image));
  if (s.model) p.set('model', s.model);
  if (s.backend && s.backend !== 'webgl') p.set('backend', s.backend);
  if (s.attack && s.config) {
    p.set('attack', s.attack);
    const norm = 'norm' in s.config ? s.config.norm : 'linf';
    for (const [field, value] of Object.entries(s.config)) {
      if (field === 'kind') continue;
      const spec = parameterSpec(s.attack, field, norm);
      if (!spec) continue;
      if (spec.type === 'number') p.set(field, writeNumber(spec, value as number));
      else if (spec.type === 'boolean') p.set(field, value ? '1' : '0');
      else p.set(field, String(value));
    }
  }
  if (s.target !== undefined && s.target !== null) p.set('target', String(s.target));
  if (s.view?.colormap && s.view.colormap !== 'amplified') p.set('colormap', s.view.colormap);
  if (s.view?.hidden?.length) p.set('hide', s.view.hidden.join(','));
  if (s.view?.bigText) p.set('big', '1');
  return p.toString().replace(/%2C/g, ',');
}
