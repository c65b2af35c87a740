// Playing a shipped lesson in the page, step by step, for the lesson tests: the lesson file as the page reads it,
// whether what a step points at is on screen, and the walk from the first step to the last.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Session } from '../../node/browser.ts';
import { ROOT } from '../../node/paths.ts';
import { parseLesson, type Lesson } from '../../src/lessons/format.ts';
import type { ShippedLesson } from '../../src/lessons/shipped.ts';

export function shippedLesson(shipped: ShippedLesson): Lesson {
  const parsed = parseLesson(readFileSync(join(ROOT, 'public', shipped.path), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.lesson;
}

/** Whether an element is wholly inside the window and clear of the lesson (a sheet below it, or a bar above it). */
export async function inView(s: Session, el: ReturnType<Session['page']['locator']>): Promise<boolean> {
  const box = await el.evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
  const bar = await s.page.getByTestId('lesson-bar').evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
  const height = await s.page.evaluate(() => window.innerHeight);
  return box.top >= 0 && box.bottom <= height && (box.bottom <= bar.top || box.top >= bar.bottom);
}

/**
 * Walks the lesson open in `s` from its first step to its last at the window's size: each step's title and
 * progress, then what `onScreen` checks for it, no notice, and Next.
 */
export async function playLesson(
  s: Session,
  shipped: ShippedLesson,
  onScreen: Record<string, (s: Session) => Promise<void>>,
  size: { width: number; height: number },
): Promise<void> {
  const lesson = shippedLesson(shipped);
  expect(Object.keys(onScreen).sort()).toEqual(lesson.steps.map((st) => st.title).sort());
  await s.page.setViewportSize(size);
  const bar = s.page.getByTestId('lesson-bar');
  expect(await bar.getByTestId('lesson-title').textContent()).toBe(shipped.title);
  for (const [i, step] of lesson.steps.entries()) {
    await expect.poll(() => bar.getByTestId('lesson-progress').textContent()).toBe(`Step ${i + 1} of ${lesson.steps.length}`);
    expect(await bar.getByTestId('lesson-step-title').textContent()).toBe(step.title);
    await onScreen[step.title]!(s);
    expect(await s.page.getByTestId('notice').count()).toBe(0);
    if (i < lesson.steps.length - 1) await bar.getByRole('button', { name: 'Next' }).click();
  }
}
