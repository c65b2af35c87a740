// The lesson file: a title and ordered steps, each a title, a few sentences, an optional question for the class,
// and the lab state as the text of a link's hash ("image=1022&attack=fgsm&eps=4"). Pure (no DOM): the page, the
// tests and any tool read and write lessons through parseLesson and serialiseLesson. A file comes from anyone, so
// every field is checked and a problem names the field; the states are read with the link's own table of keys.
import { ATTACK_DESCRIPTORS } from '../attacks/catalog.ts';
import { decodeHashReport } from '../state/urlSchema.ts';
import { URL_KEY_LIST } from '../state/urlKeys.ts';

export { LESSON_FORMAT, LESSON_VERSION, type Lesson, type LessonStep } from '../state/lessonTypes.ts';
import { LESSON_FOCUS, LESSON_FORMAT, LESSON_VERSION, type Lesson, type LessonFocus, type LessonStep } from '../state/lessonTypes.ts';

/** Sizes a lesson may have: generous for a class, small enough that a hostile file cannot swamp the page. */
export const LESSON_LIMITS = {
  fileBytes: 256 * 1024,
  steps: 60,
  title: 200,
  text: 4000,
  question: 1000,
  state: 1000,
} as const;

export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; error: string };

class LessonError extends Error {}
const fail = (field: string, problem: string): never => {
  throw new LessonError(field ? `${field}: ${problem}` : problem);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyFields(o: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(where ? `${where}.${k}` : k, `is not a field of ${where ? 'a step' : 'a lesson'} (${allowed.join(', ')})`);
  }
}

function text(v: unknown, field: string, max: number, { optional = false, empty = false } = {}): string | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') return fail(field, v === undefined ? 'is missing' : 'must be text');
  if (!empty && v.trim() === '') fail(field, 'must not be empty');
  if (v.length > max) fail(field, `is ${v.length} characters long; at most ${max}`);
  return v;
}

/** Every key a step's state may use: the link's keys and every attack parameter; the lesson's own keys are not lab state. */
function stateKeys(): Set<string> {
  const keys = new Set([...URL_KEY_LIST.filter((k) => k.scope !== 'lesson').map((k) => k.key), 'attack']);
  for (const d of Object.values(ATTACK_DESCRIPTORS)) for (const f of Object.keys(d.parameters)) keys.add(f);
  return keys;
}

/** A step's state: a hash every key of which the lab knows and takes as written (nothing ignored or clamped). */
function checkState(v: unknown, field: string): string {
  const raw = text(v, field, LESSON_LIMITS.state, { empty: true })!;
  const hash = raw.replace(/^#/, '');
  const known = stateKeys();
  for (const key of new URLSearchParams(hash).keys()) {
    if (!known.has(key)) fail(field, `${key} is not a key of the lab's state`);
  }
  const { problems } = decodeHashReport(hash);
  if (problems.length) fail(field, problems.join('; '));
  return hash;
}

function checkStep(v: unknown, i: number): LessonStep {
  const where = `steps[${i}]`;
  if (!isObject(v)) return fail(where, 'must be an object with a title, text and state');
  onlyFields(v, ['title', 'text', 'question', 'state', 'focus'], where);
  const question = text(v.question, `${where}.question`, LESSON_LIMITS.question, { optional: true });
  if (v.focus !== undefined && !(LESSON_FOCUS as readonly unknown[]).includes(v.focus)) {
    fail(`${where}.focus`, `must be one of ${LESSON_FOCUS.join(', ')} (got ${JSON.stringify(v.focus)})`);
  }
  return {
    title: text(v.title, `${where}.title`, LESSON_LIMITS.title)!,
    text: text(v.text, `${where}.text`, LESSON_LIMITS.text)!,
    ...(question !== undefined && question.trim() !== '' ? { question } : {}),
    state: checkState(v.state, `${where}.state`),
    ...(v.focus !== undefined ? { focus: v.focus as LessonFocus } : {}),
  };
}

function checkLesson(v: unknown): Lesson {
  if (!isObject(v)) return fail('', 'a lesson must be a JSON object');
  if (v.format !== LESSON_FORMAT) fail('format', `must be "${LESSON_FORMAT}" (got ${JSON.stringify(v.format) ?? 'nothing'})`);
  if (v.version !== LESSON_VERSION) fail('version', `must be ${LESSON_VERSION} (got ${JSON.stringify(v.version) ?? 'nothing'})`);
  onlyFields(v, ['format', 'version', 'title', 'steps'], '');
  const title = text(v.title, 'title', LESSON_LIMITS.title)!;
  if (!Array.isArray(v.steps)) return fail('steps', v.steps === undefined ? 'is missing' : 'must be a list of steps');
  if (v.steps.length === 0) fail('steps', 'must have at least one step');
  if (v.steps.length > LESSON_LIMITS.steps) fail('steps', `has ${v.steps.length} steps; at most ${LESSON_LIMITS.steps}`);
  return { format: LESSON_FORMAT, version: LESSON_VERSION, title, steps: v.steps.map(checkStep) };
}

/** Reads a lesson file's text. Never throws: a problem comes back as one sentence that names the field. */
export function parseLesson(source: string): LessonParse {
  if (source.length > LESSON_LIMITS.fileBytes) {
    return { ok: false, error: `the file is ${Math.ceil(source.length / 1024)} KB; a lesson is at most ${LESSON_LIMITS.fileBytes / 1024} KB` };
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return validateLesson(json);
}

/** Checks a value that is already parsed JSON (e.g. a lesson built in the editor). */
export function validateLesson(value: unknown): LessonParse {
  try {
    return { ok: true, lesson: checkLesson(value) };
  } catch (e) {
    if (e instanceof LessonError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The lesson as the JSON text parseLesson reads back (fields in a fixed order, indented for people). */
export function serialiseLesson(lesson: Lesson): string {
  const steps = lesson.steps.map((s) => ({
    title: s.title,
    text: s.text,
    ...(s.question !== undefined && s.question.trim() !== '' ? { question: s.question } : {}),
    state: s.state,
    ...(s.focus ? { focus: s.focus } : {}),
  }));
  return JSON.stringify({ format: LESSON_FORMAT, version: LESSON_VERSION, title: lesson.title, steps }, null, 2) + '\n';
}

/** A file name for a lesson's title: "Adversarial examples!" -> "adversarial-examples.json". */
export function lessonFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'lesson'}.json`;
}
