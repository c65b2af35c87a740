// The shareable state <-> the URL hash, from one table of keys (urlKeys.ts) plus the attack's keys, which come
// from the attack descriptors (each parameter's spec says how to read, clamp and write it, in shown units). Every
// value read is validated and clamped; a known key whose value is ignored or clamped is reported, never dropped
// silently. Keys the page does not know are left to whoever reads them.
import {
  ATTACK_DESCRIPTORS,
  clampToSpec,
  defaultsIn,
  descriptorIn,
  normOf,
  parseShown,
  specIn,
  writeShown,
  type AttackConfig,
  type AttackKind,
  type DescriptorTable,
  type LooseConfig,
  type ParameterSpec,
} from '../attacks/catalog.ts';
import { URL_KEY_LIST, type LinkKey, type SharedState } from './urlKeys.ts';
import { DEFAULT_ATTACK } from './attackSlice.ts';

export type { SharedState } from './urlKeys.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Longest key name or value a report repeats: a link can carry any text, and a notice must stay readable. */
export const SHOWN_CHARS = 40;

/** Text from a link as a report quotes it: cut at SHOWN_CHARS characters, with an ellipsis. */
export const shortened = (text: string): string => ([...text].length > SHOWN_CHARS ? `${[...text].slice(0, SHOWN_CHARS).join('')}…` : text);

/** A parameter of an attack as a URL key (its name is the parameter's): the spec reads and writes it. */
function parameterKey(field: string, spec: ParameterSpec): LinkKey<number | boolean | string> {
  const config = (s: SharedState) => s.config as unknown as LooseConfig | undefined;
  return {
    key: field,
    parse: (raw) => parseShown(spec, raw),
    clamp: (v) => clampToSpec(spec, v),
    serialise: (v) => writeShown(spec, v),
    get: (s) => config(s)?.[field] as number | boolean | string | undefined,
    set: (s, v) => void (config(s)![field] = v),
  };
}

/** The keys of the attack a link names (norm first: it picks the units of eps and the step). */
function attackKeys(table: DescriptorTable, kind: string, norm: 'linf' | 'l2'): LinkKey<unknown>[] {
  return Object.keys(table[kind]!.parameters)
    .sort((a, b) => Number(b === 'norm') - Number(a === 'norm'))
    .map((f) => parameterKey(f, specIn(table, kind, f, norm)!) as LinkKey<unknown>);
}

export interface DecodedHash {
  state: SharedState;
  /** Known keys whose values were ignored or clamped, said for people ("eps=500 was clamped to 32"). */
  problems: string[];
}

/** Reads one key into `out`; a bad or out-of-range value becomes a problem. */
function readKey(k: LinkKey<unknown>, params: URLSearchParams, out: SharedState, problems: string[]): void {
  const raw = params.get(k.key);
  if (raw === null) return;
  const parsed = k.parse(raw);
  if (parsed === undefined) {
    problems.push(`${k.key}=${shortened(raw)} was ignored${k.expected ? `: expected ${k.expected}` : ''}`);
    return;
  }
  const value = k.clamp ? k.clamp(parsed) : parsed;
  if (!same(value, parsed)) {
    // Clamped to nothing (hide=__proto__): nothing of it was used.
    const shown = k.serialise(value);
    problems.push(shown === '' ? `${k.key}=${shortened(raw)} was ignored` : `${k.key}=${shortened(raw)} was changed to ${shortened(shown)}`);
    if (shown === '') return;
  }
  k.set(out, value);
}

/** Parses a location hash ("#a=1&b=2" or "a=1&b=2"), reporting what it ignored or clamped. Never throws. */
export function decodeHashReport(hash: string, table: DescriptorTable = ATTACK_DESCRIPTORS): DecodedHash {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return { state: {}, problems: ['the link could not be read'] };
  }
  const out: SharedState = {};
  const problems: string[] = [];
  for (const k of URL_KEY_LIST) readKey(k, params, out, problems);
  const attack = params.get('attack');
  // Parameters without attack= are the default attack's, as the page opens on it.
  const named = attack ?? (Object.keys(table[DEFAULT_ATTACK]?.parameters ?? {}).some((f) => params.has(f)) ? DEFAULT_ATTACK : null);
  const d = descriptorIn(table, named);
  if (attack !== null && !d) problems.push(`attack=${shortened(attack)} was ignored`);
  if (d) {
    out.attack = d.kind as AttackKind;
    // That norm's defaults first: eps and step sizes have different units in L2 and L-infinity.
    const norm = params.get('norm');
    out.config = defaultsIn(table, d.kind, norm === 'linf' || norm === 'l2' ? norm : undefined) as unknown as AttackConfig;
    for (const k of attackKeys(table, d.kind, normOf(out.config))) readKey(k, params, out, problems);
  }
  // A key no part of the page reads (a typo such as esp=4) is said, not dropped in silence.
  const known = new Set([
    ...URL_KEY_LIST.map((k) => k.key),
    'attack',
    'norm',
    ...Object.values(table).flatMap((t) => Object.keys(t?.parameters ?? {})),
  ]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) problems.push(`${shortened(key)}=${shortened(params.get(key) ?? '')} was ignored: the page has no such key`);
  }
  return { state: out, problems };
}

/** decodeHash without the report. */
export function decodeHash(hash: string, table: DescriptorTable = ATTACK_DESCRIPTORS): SharedState {
  return decodeHashReport(hash, table).state;
}

export interface EncodedHash {
  hash: string;
  /** Keys left out because a link cannot carry their value (e.g. an uploaded model), said for people. */
  omitted: string[];
}

/** Writes the state as a hash (without '#'), leaving out defaults, and any value the key's parser would not read back. */
export function encodeHashReport(s: SharedState, table: DescriptorTable = ATTACK_DESCRIPTORS): EncodedHash {
  const p = new URLSearchParams();
  const omitted: string[] = [];
  const write = (k: LinkKey<unknown>) => {
    const v = k.get(s);
    if (v === undefined || ('default' in k && same(v, k.default))) return;
    const text = k.serialise(v);
    // The writer writes only what the reader reads back (to the same text): a link never loses a key silently.
    const back = k.parse(text);
    if (back !== undefined && k.serialise(back) === text) p.set(k.key, text);
    else omitted.push(`${k.key} ${JSON.stringify(v)}`);
  };
  for (const k of URL_KEY_LIST) write(k);
  if (s.attack && s.config && descriptorIn(table, s.attack)) {
    p.set('attack', s.attack);
    for (const k of attackKeys(table, s.attack, normOf(s.config))) write(k);
  }
  // Commas and slashes are legal in a fragment: written plainly, a link stays readable (hide=a,b; lesson=dir/x.json).
  return { hash: p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/'), omitted };
}

/** encodeHashReport without the report. */
export function encodeHash(s: SharedState, table: DescriptorTable = ATTACK_DESCRIPTORS): string {
  return encodeHashReport(s, table).hash;
}
