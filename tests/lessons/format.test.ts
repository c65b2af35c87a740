// The lesson file: what parses, what round-trips, and that every rejection names the field at fault.
import { describe, expect, it } from 'vitest';
import { LESSON_LIMITS, lessonFileName, parseLesson, serialiseLesson, validateLesson, type Lesson } from '../../src/lessons/format.ts';
import { decodeHash } from '../../src/state/urlSchema.ts';

const lesson = (): Lesson => ({
  format: 'epsilon-lesson',
  version: 1,
  title: 'Two steps',
  steps: [
    { title: 'A confident model', text: 'Look at the bars.\n\nThe model is sure.', state: 'image=1022' },
    { title: 'FGSM', text: 'Move epsilon.', question: 'What changed?', state: 'image=1022&attack=fgsm&eps=4' },
  ],
});

/** The lesson with one field replaced (a path into it, e.g. ['steps', 1, 'state']). */
function withField(path: (string | number)[], value: unknown): string {
  const l = JSON.parse(JSON.stringify(lesson())) as Record<string, unknown>;
  let at: Record<string | number, unknown> = l;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return JSON.stringify(l);
}

const errorOf = (text: string) => {
  const r = parseLesson(text);
  if (r.ok) throw new Error('expected a rejection');
  return r.error;
};

describe('a lesson file', () => {
  it('parses, with its steps in order and the question optional', () => {
    const r = parseLesson(JSON.stringify(lesson()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lesson.title).toBe('Two steps');
    expect(r.lesson.steps.map((s) => s.title)).toEqual(['A confident model', 'FGSM']);
    expect(r.lesson.steps[0]!.question).toBeUndefined();
    expect(r.lesson.steps[1]!.question).toBe('What changed?');
  });

  it('takes a step focus from the list of parts a step can point at, round-trips it, and names a wrong one', () => {
    const r = parseLesson(withField(['steps', 1, 'focus'], 'tradeoff-plane'));
    expect(r.ok && r.lesson.steps[1]!.focus).toBe('tradeoff-plane');
    if (r.ok) expect(parseLesson(serialiseLesson(r.lesson))).toEqual(r);
    expect(errorOf(withField(['steps', 0, 'focus'], 'footer'))).toBe(
      'steps[0].focus: must be one of lab-images, epsilon, readout, model, bpda, transfer, training, training-presets, game, tradeoff-plane, ' +
        'robustness, reliable, corruptions (got "footer")',
    );
  });

  it('round-trips through serialiseLesson', () => {
    const text = serialiseLesson(lesson());
    const r = parseLesson(text);
    expect(r).toEqual({ ok: true, lesson: lesson() });
    if (r.ok) expect(serialiseLesson(r.lesson)).toBe(text);
  });

  it("reads each step's state with the link's table: the same lab state a link gives", () => {
    const r = parseLesson(JSON.stringify(lesson()));
    if (!r.ok) throw new Error(r.error);
    const s = decodeHash(r.lesson.steps[1]!.state);
    expect(s.image).toBe(1022);
    expect(s.attack).toBe('fgsm');
    expect((s.config as { eps: number }).eps).toBeCloseTo(4 / 255, 12);
  });

  it('takes a state written with a leading #, and an empty state (the lab as it opens)', () => {
    const r = parseLesson(withField(['steps', 0, 'state'], '#image=975'));
    expect(r.ok && r.lesson.steps[0]!.state).toBe('image=975');
    expect(parseLesson(withField(['steps', 0, 'state'], '')).ok).toBe(true);
  });

  it.each([
    [['title'], 5, 'title: must be text'],
    [['title'], '   ', 'title: must not be empty'],
    [['format'], 'something-else', 'format: must be "epsilon-lesson"'],
    [['version'], 2, 'version: must be 1 (got 2)'],
    [['steps'], undefined, 'steps: is missing'],
    [['steps'], {}, 'steps: must be a list of steps'],
    [['steps'], [], 'steps: must have at least one step'],
    [['steps', 1], 'a step', 'steps[1]: must be an object'],
    [['steps', 1, 'title'], 3, 'steps[1].title: must be text'],
    [['steps', 0, 'text'], undefined, 'steps[0].text: is missing'],
    [['steps', 1, 'question'], ['why?'], 'steps[1].question: must be text'],
    [['steps', 1, 'state'], 'image=1022&eps=abc', 'steps[1].state: eps=abc was ignored'],
    [['steps', 1, 'state'], 'image=1022&attack=fgsm&eps=500', 'steps[1].state: eps=500 was changed to 32'],
    [['steps', 1, 'state'], 'attack=teleport', 'steps[1].state: attack=teleport was ignored'],
    [['steps', 1, 'state'], 'image=1022&colour=red', "steps[1].state: colour is not a key of the lab's state"],
    [['steps', 1, 'state'], 'image=1022&lesson=x.json', "steps[1].state: lesson is not a key of the lab's state"],
    [['steps', 1, 'qestion'], 'typo', 'steps[1].qestion: is not a field of a step'],
    [['author'], 'me', 'author: is not a field of a lesson'],
  ] as const)('rejects %j = %j, naming the field', (path, value, message) => {
    expect(errorOf(withField([...path], value))).toContain(message);
  });

  it('rejects text that is not JSON, and JSON that is not an object', () => {
    expect(errorOf('{"format": ')).toMatch(/^not JSON: /);
    expect(errorOf('[1, 2]')).toBe('a lesson must be a JSON object');
  });

  it('has limits: file size, number of steps, lengths of texts', () => {
    expect(errorOf(' '.repeat(LESSON_LIMITS.fileBytes + 1))).toMatch(/^the file is \d+ KB; a lesson is at most 256 KB$/);
    const many = Array.from({ length: LESSON_LIMITS.steps + 1 }, () => lesson().steps[0]!);
    expect(errorOf(withField(['steps'], many))).toBe(`steps: has ${LESSON_LIMITS.steps + 1} steps; at most ${LESSON_LIMITS.steps}`);
    expect(errorOf(withField(['steps', 0, 'text'], 'x'.repeat(LESSON_LIMITS.text + 1)))).toContain(
      `steps[0].text: is ${LESSON_LIMITS.text + 1} characters long; at most ${LESSON_LIMITS.text}`,
    );
    expect(errorOf(withField(['title'], 'x'.repeat(LESSON_LIMITS.title + 1)))).toContain('title: is');
    expect(errorOf(withField(['steps', 0, 'state'], 'image=1&'.repeat(200)))).toContain('steps[0].state: is');
  });

  it('keeps markup as text: a lesson is never read as HTML', () => {
    const r = parseLesson(withField(['steps', 0, 'text'], '<img src=x onerror=alert(1)>'));
    expect(r.ok && r.lesson.steps[0]!.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('validates a draft the editor built, and names what it lacks', () => {
    expect(validateLesson({ format: 'epsilon-lesson', version: 1, title: 'Draft', steps: [] })).toEqual({
      ok: false,
      error: 'steps: must have at least one step',
    });
  });

  it('names a download after its title', () => {
    expect(lessonFileName('Adversarial examples in ten minutes!')).toBe('adversarial-examples-in-ten-minutes.json');
    expect(lessonFileName('???')).toBe('lesson.json');
  });
});
