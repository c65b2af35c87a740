// The layers of the design, kept by a tool: `npm run lint:layers` (oxlint's no-restricted-imports), part of `npm test`.
// One allow-list table: each layer names what it may import, and everything else is generated as forbidden. Patterns
// are written per folder as the relative paths that folder's files would use, so `../training/` from a runtime room
// (runtime/training) and `../../training/` (src/training) are told apart. A folder under src/ that the table does not
// place fails. Type-only imports count too.
import { readdirSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'oxlint';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** Packages by kind; a layer names the kinds it may use, every other kind is forbidden to it. */
const PACKAGES = {
  tfjs: ['@tensorflow/*'],
  react: ['react', 'react/*', 'react-dom', 'react-dom/*', 'recharts', 'recharts/*', 'qrcode'],
  zustand: ['zustand', 'zustand/*'],
  node: ['node:*'],
  serviceWorker: ['workbox-*', 'virtual:*'],
};

/**
 * The layers, lowest first. `may`: the layers its files may import (its own always). `only`: for a layer whose
 * importers may use only some of its files, those files (by layer: `{ state: [...] }` narrows what one importer may
 * reach); a layer without `entries` is open to its importers file by file. `packages`: the package kinds it may use.
 */
const LAYERS = {
  lib: { dir: 'src/lib', entries: ['index.ts'], may: [], packages: ['tfjs'], why: 'the ground floor imports nothing of ours' },
  attacks: { dir: 'src/attacks', entries: ['index.ts', 'catalog.ts'], may: ['lib'], packages: ['tfjs'] },
  data: { dir: 'src/data', may: ['lib'], packages: ['tfjs'] },
  model: { dir: 'src/model', may: ['lib', 'attacks', 'data'], packages: ['tfjs'] },
  insights: { dir: 'src/insights', entries: ['index.ts', 'classPalette.ts'], may: ['lib', 'attacks', 'data', 'model'], packages: ['tfjs'] },
  evaluation: { dir: 'src/evaluation', entries: ['index.ts', 'catalog.ts'], may: ['lib', 'attacks', 'data', 'model'], packages: ['tfjs'] },
  training: { dir: 'src/training', entries: ['index.ts', 'catalog.ts'], may: ['lib', 'attacks', 'data', 'model', 'evaluation'], packages: ['tfjs'] },
  state: {
    dir: 'src/state',
    may: ['lib', 'attacks', 'data', 'model', 'evaluation', 'training'],
    packages: ['zustand'],
    only: { attacks: ['catalog.ts'], training: ['catalog.ts'], evaluation: ['catalog.ts'] },
    why: 'the store holds plain data',
  },
  lessons: {
    dir: 'src/lessons',
    may: ['lib', 'attacks', 'state'],
    packages: [],
    only: {
      attacks: ['catalog.ts'],
      training: ['catalog.ts'],
      evaluation: ['catalog.ts'],
      state: ['urlKeys.ts', 'urlSchema.ts', 'labState.ts', 'lessonTypes.ts'],
    },
    why: 'the lesson format reads lab state only through the URL key table',
  },
  runtime: {
    dir: 'src/runtime',
    may: ['lib', 'attacks', 'data', 'model', 'insights', 'evaluation', 'training', 'lessons', 'state'],
    packages: ['tfjs'],
  },
  components: {
    dir: 'src/components',
    may: ['lib', 'attacks', 'data', 'model', 'insights', 'evaluation', 'training', 'lessons', 'state', 'runtime'],
    packages: ['react', 'zustand'],
    only: { attacks: ['catalog.ts'], training: ['catalog.ts'], evaluation: ['catalog.ts'] },
    why: 'components render the store: tfjs stays below them',
  },
  app: { dir: 'src', files: '*', may: ['components', 'runtime', 'state', 'lib'], packages: ['react'] },
  bench: { dir: 'src/bench', may: ['lib', 'attacks', 'data', 'model', 'insights', 'evaluation', 'training', 'runtime'], packages: ['tfjs'] },
  node: {
    dir: 'node',
    may: ['lib', 'attacks', 'data', 'model', 'insights', 'evaluation', 'training'],
    packages: ['tfjs', 'node'],
    why: 'node/ helps scripts and tests with the pure core; it never imports a script, the runtime or the store',
  },
  scripts: {
    dir: 'scripts',
    may: ['lib', 'attacks', 'data', 'model', 'insights', 'evaluation', 'training', 'lessons', 'state', 'app', 'bench', 'node'],
    packages: ['tfjs', 'node'],
  },
};

/**
 * The runtime's rooms: each is used from outside it through its index.ts. `mayWriteStore: false`: what it finds reaches
 * the store through its callers; `notShare`: sets the lab through the URL key table, not links; `packages`: kinds it adds.
 */
const RUNTIME_ROOMS = {
  backend: { mayWriteStore: false },
  offline: { mayWriteStore: false, packages: ['serviceWorker'] },
  jobs: { mayWriteStore: false },
  files: { mayWriteStore: false },
  models: {},
  lab: {},
  insights: {},
  lessons: { notShare: true },
  measure: {},
  training: {},
};

// --- everything below is generated from the tables ---

const toPosix = (p) => p.split(sep).join('/');
const relativeTo = (fromDir, target) => {
  const r = toPosix(relative(fromDir, target)) || '.';
  return r.startsWith('.') ? r : `./${r}`;
};

/** Every folder of ours with source files, as a path from the root. */
function folders(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  if (entries.some((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name))) out.push(dir);
  for (const e of entries) if (e.isDirectory()) out = out.concat(folders(posix.join(dir, e.name)));
  return out;
}

/** The layer a folder belongs to: the deepest table entry whose dir holds it (`files: '*'` entries hold only their own folder). */
function layerOf(dir) {
  let best = null;
  for (const [name, l] of Object.entries(LAYERS)) {
    const holds = dir === l.dir || (l.files !== '*' && dir.startsWith(`${l.dir}/`));
    if (holds && (!best || l.dir.length > LAYERS[best].dir.length)) best = name;
  }
  return best;
}

const group = (message, ...patterns) => ({ group: patterns, message });

function rulesFor(dir, name) {
  const layer = LAYERS[name];
  const rules = [];
  const allowed = new Set([name, ...layer.may]);
  const say = (what) => `${dir}/ is in layer '${name}'${layer.why ? ` (${layer.why})` : ''}: ${what}. The allow-list is oxlint.config.mjs's LAYERS.`;
  for (const [other, l] of Object.entries(LAYERS)) {
    if (other === name || other === 'runtime' || name === 'app') continue;
    const rel = relativeTo(dir, l.dir);
    if (other === 'app') {
      // The app's own files sit at the top of src/, beside the layers' folders.
      if (!allowed.has('app')) rules.push(group(say("it may not import the app's top files (src/*.ts)"), `${rel}/*.ts`, `${rel}/*.tsx`));
      continue;
    }
    if (!allowed.has(other)) {
      rules.push(group(say(`it may import ${layer.may.join(', ') || 'nothing of ours'}, not ${other}`), `${rel}/**`, `${rel}/*`));
      continue;
    }
    const reach = layer.only?.[other] ?? l.entries;
    if (reach)
      rules.push(group(say(`it uses ${other} only through ${reach.join(' or ')}`), `${rel}/*`, `${rel}/**`, ...reach.map((f) => `!${rel}/${f}`)));
  }
  // The runtime: its top files and rooms; a room is reached from outside it through its index.ts.
  const runtimeDir = LAYERS.runtime.dir;
  const inRuntime = name === 'runtime';
  const room = inRuntime && dir !== runtimeDir ? dir.slice(runtimeDir.length + 1).split('/')[0] : null;
  if (!allowed.has('runtime') && name !== 'app') {
    const rel = relativeTo(dir, runtimeDir);
    rules.push(group(say(`it may import ${layer.may.join(', ') || 'nothing of ours'}, not the runtime`), `${rel}/**`, `${rel}/*`));
  } else {
    for (const r of Object.keys(RUNTIME_ROOMS)) {
      if (r === room) continue;
      const rel = relativeTo(dir, `${runtimeDir}/${r}`);
      rules.push(group(say(`use runtime/${r} through its index.ts`), `${rel}/*`, `${rel}/**`, `!${rel}/index.ts`));
    }
  }
  if (room && RUNTIME_ROOMS[room]?.mayWriteStore === false) {
    rules.push(
      group(
        say(`runtime/${room} is about tfjs and the browser; what it finds reaches the store through its callers`),
        `${relativeTo(dir, 'src/state')}/store.ts`,
      ),
    );
  }
  if (room && RUNTIME_ROOMS[room]?.notShare) {
    rules.push(
      group(
        say('lessons set and read the lab through the URL key table (state/labState.ts), not through links'),
        `${relativeTo(dir, runtimeDir)}/share.ts`,
      ),
    );
  }
  const packages = [...layer.packages, ...(RUNTIME_ROOMS[room]?.packages ?? [])];
  for (const [kind, patterns] of Object.entries(PACKAGES)) {
    if (!packages.includes(kind)) rules.push(group(say(`it uses no ${kind} packages`), ...patterns));
  }
  return rules;
}

const placedOverrides = [];
const unplaced = [];
for (const dir of ['src', 'node', 'scripts'].flatMap(folders)) {
  const name = layerOf(dir);
  const runtimeRoom = dir.startsWith(`${LAYERS.runtime.dir}/`) ? dir.slice(LAYERS.runtime.dir.length + 1).split('/')[0] : null;
  if (!name || (runtimeRoom && !(runtimeRoom in RUNTIME_ROOMS))) {
    unplaced.push(dir);
    continue;
  }
  placedOverrides.push({
    files: [`${dir}/*.ts`, `${dir}/*.tsx`, `${dir}/*.mjs`],
    rules: { 'no-restricted-imports': ['error', { patterns: rulesFor(dir, name) }] },
  });
}
/** A folder no table entry places: every import in it fails until it is placed. */
const unplacedOverrides = unplaced.map((dir) => ({
  files: [`${dir}/*.ts`, `${dir}/*.tsx`, `${dir}/*.mjs`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          group(
            `${dir}/ is in no layer: place it in oxlint.config.mjs's LAYERS (or RUNTIME_ROOMS) first.`,
            '*',
            '**',
            '.*',
            './**',
            '../**',
            '@*/**',
          ),
        ],
      },
    ],
  },
}));

export default defineConfig({
  plugins: ['import'],
  categories: { correctness: 'off', suspicious: 'off', pedantic: 'off', perf: 'off', style: 'off', restriction: 'off', nursery: 'off' },
  rules: { 'import/no-cycle': ['error', { ignoreTypes: false }] },
  overrides: [...placedOverrides, ...unplacedOverrides],
});
