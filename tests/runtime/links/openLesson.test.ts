// Opening a lesson from a link or a file is a run of one job: the newest lesson asked for opens, and one still on its
// way never opens over it (nor reports its problem), whichever arrives last. fetch is held until the test answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followLessonAddress, openLessonFile, openLessonLink } from '../../../src/runtime/lessons/index.ts';
import { LESSON_FORMAT, LESSON_VERSION } from '../../../src/lessons/format.ts';
import { useAppStore } from '../../../src/state/store.ts';
import { resetStore } from '../helpers.ts';

const lessonText = (title: string) =>
  JSON.stringify({ format: LESSON_FORMAT, version: LESSON_VERSION, title, steps: [{ title: 'S1', text: 'x', state: '' }] });

/** Requests by path; each waits for the test's answer and, like a slow server, ignores the abort. */
const requests = new Map<string, { answer: (status: number) => void; signal: AbortSignal }>();
function fakeFetch(url: URL, init: RequestInit) {
  const path = url.pathname.split('/').pop()!;
  return new Promise<Response>((resolve) => {
    requests.set(path, {
      answer: (status) =>
        resolve(new Response(status === 200 ? lessonText(path) : 'missing', { status, statusText: status === 200 ? 'OK' : 'Not Found' })),
      signal: init.signal!,
    });
  });
}
const answer = (path: string, status = 200) => requests.get(path)!.answer(status);

/** The title of every lesson that opened, in order. */
let opened: string[] = [];
let unwatch = () => {};
beforeEach(() => {
  resetStore();
  requests.clear();
  vi.stubGlobal('document', { baseURI: 'http://localhost/app/' });
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  opened = [];
  unwatch = useAppStore.subscribe((s, prev) => {
    if (s.openLesson && s.openLesson.lesson !== prev.openLesson?.lesson) opened.push(s.openLesson.lesson.title);
  });
});
afterEach(() => {
  unwatch();
  vi.unstubAllGlobals();
});

const state = () => useAppStore.getState();
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise((r) => setTimeout(r, 1));
};

describe('opening a lesson', () => {
  it.each([
    ['B answers first', ['b.json', 'a.json']],
    ['A answers last', ['a.json', 'b.json']],
  ])('from two links, the newest opens and the older never does (%s)', async (_order, order) => {
    const runs = [openLessonLink('lessons/a.json'), openLessonLink('lessons/b.json')];
    await until(() => requests.size === 2);
    expect(requests.get('a.json')!.signal.aborted).toBe(true); // a real fetch stops here
    for (const path of order) answer(path);
    await Promise.all(runs);
    expect(opened).toEqual(['b.json']);
    expect(state().openLesson!.source).toEqual({ kind: 'link', path: 'lessons/b.json' });
    expect(state().lessonError).toBeNull();
  });

  it("an older link's failure is not reported once a newer lesson was asked for; the newest one's is", async () => {
    const older = openLessonLink('lessons/a.json');
    const newer = openLessonLink('lessons/b.json');
    await until(() => requests.size === 2);
    answer('b.json');
    await newer;
    answer('a.json', 404);
    await older;
    expect(state().lessonError).toBeNull();
    const missing = openLessonLink('lessons/c.json');
    await until(() => requests.has('c.json'));
    answer('c.json', 404);
    await missing;
    expect(state().lessonError).toBe('lesson=lessons/c.json could not be loaded (404 Not Found).');
    expect(opened).toEqual(['b.json']);
  });

  it('a lesson file chosen while a link loads wins over the link', async () => {
    const link = openLessonLink('lessons/a.json');
    await until(() => requests.size === 1);
    const file = openLessonFile(new File([lessonText('from a file')], 'mine.json'));
    await file;
    answer('a.json');
    await link;
    expect(opened).toEqual(['from a file']);
    expect(state().openLesson!.source).toEqual({ kind: 'file', name: 'mine.json' });
  });

  it('an address edited to name no lesson drops the lesson its previous version was loading', async () => {
    const loading = followLessonAddress('#lesson=lessons%2Fa.json');
    await until(() => requests.size === 1);
    await followLessonAddress('#image=205');
    answer('a.json');
    await loading;
    expect(opened).toEqual([]);
    expect(state().openLesson).toBeNull();
  });
});
