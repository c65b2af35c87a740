// The state a link, a lesson step or a preset describes, to and from the store, derived from the URL key table
// (urlKeys.ts: each key reads and writes its own part) plus the attack (its kind and parameters, from the attack
// descriptors). Which keys move is said by scope: a link moves all of them, a step or a preset only the lab's.
import { useAppStore, type AppState } from './store.ts';
import { DEFAULT_ATTACK, currentConfig, initialConfigs } from './attackSlice.ts';
import { URL_KEY_LIST, type KeyScope, type SharedState } from './urlKeys.ts';

const ALL_SCOPES: readonly KeyScope[] = ['lab', 'viewer', 'lesson'];
export const LAB_SCOPE: readonly KeyScope[] = ['lab'];

const keysIn = (scopes: readonly KeyScope[]) => URL_KEY_LIST.filter((k) => scopes.includes(k.scope));

/** The store's state as a link carries it (the attack is always the lab's). */
export function sharedStateOf(s: AppState, scopes: readonly KeyScope[] = ALL_SCOPES): SharedState {
  const out: SharedState = {};
  for (const k of keysIn(scopes)) {
    const v = k.read(s);
    if (v !== undefined) k.set(out, v);
  }
  out.attack = s.attackKind;
  out.config = currentConfig(s);
  return out;
}

/**
 * Sets the state a link describes, key by key in the given scopes; what it leaves out takes its default, except
 * the user's own image or model, which a link cannot name (they are kept rather than lost). Values were validated
 * by decodeHashReport. Returns what could not be applied, naming the key and what was used instead.
 */
export function applySharedState(shared: SharedState, scopes: readonly KeyScope[] = ALL_SCOPES): string[] {
  const problems: string[] = [];
  for (const k of keysIn(scopes)) problems.push(...k.write(useAppStore.getState(), k.get(shared)));
  const kind = shared.attack ?? DEFAULT_ATTACK;
  useAppStore.setState({ attackKind: kind, configs: { ...initialConfigs(), ...(shared.config ? { [kind]: shared.config } : {}) } });
  return problems;
}
