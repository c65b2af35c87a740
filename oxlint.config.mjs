// The layers of the design, kept by a tool: `npm run lint:layers` (oxlint, ESLint's import rules), part of
// `npm test`. Down the layers: components -> runtime -> state -> the pure core (attacks, model, evaluation,
// training, data, insights); src/bench measures the core for the Node scripts and the bench page, which starts the runtime. The
// lesson format sits above state and reads links through the URL key table; node/ serves
// scripts and tests. A room is used from outside it through its index.ts. Type-only imports count too.
import { defineConfig } from 'oxlint';

const rule = (message, ...group) => ({ group, message });

const PURE_CORE = rule(
  'The pure core (attacks, model, evaluation, training, data, insights) runs unchanged in Node and the browser: no runtime, store, views, lessons, React or zustand.',
  '**/runtime/**', '**/state/**', '**/components/**', '**/lessons/**', 'react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'recharts',
);
const ATTACKS_THROUGH_INDEX = rule('Outside src/attacks, the attack engine is used through src/attacks/index.ts.', '**/attacks/**', '!**/attacks/index.ts');
const STATE_STAYS_LOW = rule(
  'The store holds plain data: it imports no runtime, lessons or views (types shared with them live in the lower layer).',
  '**/runtime/**', '**/lessons/**', '**/components/**',
);
const LESSONS_THROUGH_THE_TABLE = rule(
  'The lesson format reads lab state only through the URL key table (state/urlKeys.ts, urlSchema.ts, labState.ts); its types live in state/lessonTypes.ts.',
  '**/runtime/**', '**/components/**', '**/state/*', '!**/state/urlKeys.ts', '!**/state/urlSchema.ts', '!**/state/labState.ts', '!**/state/lessonTypes.ts',
);
const RUNTIME_BELOW_VIEWS = rule('The runtime writes the store; it never reaches up into the React views.', '**/components/**');
const LESSON_PLAYER_THROUGH_THE_TABLE = rule('Lessons set and read the lab through the URL key table (state/labState.ts), not through links.', '../share.ts');
const PLATFORM_LEAVES_THE_STORE = rule("platform/ is about tfjs and the browser: what it finds reaches the store through its callers.", '**/state/store.ts');
const VIEWS_WITHOUT_TENSORS = rule('Components render the store: tfjs stays below them.', '@tensorflow/*');
const NODE_NOT_SCRIPTS = rule('node/ helps scripts and tests; it never imports a script.', '**/scripts/**');

const RUNTIME_ROOMS = ['platform', 'models', 'lab', 'insights', 'lessons', 'measure', 'training'];
/** Another runtime room, only through its index.ts: `prefix` is how the importing file reaches the rooms. */
const roomsThroughIndex = (...prefixes) =>
  RUNTIME_ROOMS.map((room) => rule(`Use runtime/${room} through its index.ts.`, ...prefixes.flatMap((p) => [`${p}${room}/*`, `!${p}${room}/index.ts`])));

const layer = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns: patterns.flat() }] } });
const runtime = [RUNTIME_BELOW_VIEWS, ATTACKS_THROUGH_INDEX];

export default defineConfig({
  plugins: ['import'],
  categories: { correctness: 'off', suspicious: 'off', pedantic: 'off', perf: 'off', style: 'off', restriction: 'off', nursery: 'off' },
  rules: { 'import/no-cycle': ['error', { ignoreTypes: false }] },
  // One entry per group of files, none overlapping: each lists every rule its files keep.
  overrides: [
    layer(['src/attacks/**'], PURE_CORE),
    layer(['src/model/**', 'src/evaluation/**', 'src/training/**', 'src/data/**', 'src/insights/**'], PURE_CORE, ATTACKS_THROUGH_INDEX),
    layer(['src/bench/**'], RUNTIME_BELOW_VIEWS, ATTACKS_THROUGH_INDEX, roomsThroughIndex('**/runtime/')),
    layer(['src/state/**'], STATE_STAYS_LOW, ATTACKS_THROUGH_INDEX),
    layer(['src/lessons/**'], LESSONS_THROUGH_THE_TABLE, ATTACKS_THROUGH_INDEX),
    layer(['src/runtime/*.ts'], runtime, roomsThroughIndex('./')),
    ...RUNTIME_ROOMS.map((room) =>
      layer([`src/runtime/${room}/**`], runtime, roomsThroughIndex('../').filter((_, i) => RUNTIME_ROOMS[i] !== room),
        room === 'lessons' ? LESSON_PLAYER_THROUGH_THE_TABLE : [], room === 'platform' ? PLATFORM_LEAVES_THE_STORE : [])),
    layer(['src/components/**', 'src/main.tsx'], VIEWS_WITHOUT_TENSORS, ATTACKS_THROUGH_INDEX, roomsThroughIndex('**/runtime/')),
    layer(['node/**'], NODE_NOT_SCRIPTS, ATTACKS_THROUGH_INDEX),
    layer(['scripts/**'], ATTACKS_THROUGH_INDEX),
  ],
});
