// lesson= in a link names a file on the page's own site, resolved against the page's address.
import { describe, expect, it } from 'vitest';
import { resolveLessonPath } from '../../src/runtime/lessons/openLesson.ts';

const base = 'https://school.example/epsilon/index.html';

describe('a lesson link', () => {
  it('resolves a relative path against the page, so a lesson beside the app works from any sub-path', () => {
    const r = resolveLessonPath('lessons/week1.json', base);
    expect('url' in r && r.url.href).toBe('https://school.example/epsilon/lessons/week1.json');
    const up = resolveLessonPath('/shared/week2.json', base);
    expect('url' in up && up.url.href).toBe('https://school.example/shared/week2.json');
  });

  it('refuses another site, and says which and why', () => {
    const r = resolveLessonPath('https://elsewhere.example/l.json', base);
    expect('error' in r && r.error).toBe(
      'lesson=https://elsewhere.example/l.json is on another site (https://elsewhere.example); ' +
        'lessons open only from this site (https://school.example)',
    );
    expect('error' in resolveLessonPath('//elsewhere.example/l.json', base)).toBe(true);
    expect('error' in resolveLessonPath('data:application/json,{}', base)).toBe(true);
    expect('error' in resolveLessonPath('javascript:alert(1)', base)).toBe(true);
  });
});
