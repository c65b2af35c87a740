import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../src/state/store.ts';
import { currentLessonStep, lessonAddress } from '../../src/state/lessonSlice.ts';
import type { Lesson } from '../../src/lessons/format.ts';

const state = () => useAppStore.getState();
const step = (title: string) => ({ title, text: `${title} text`, state: 'image=975' });
const lesson: Lesson = { format: 'epsilon-lesson', version: 1, title: 'L', steps: [step('one'), step('two'), step('three')] };

describe('lessonSlice', () => {
  beforeEach(resetAppStore);

  it('starts with no lesson, no error and no draft', () => {
    expect(state().openLesson).toBeNull();
    expect(state().lessonError).toBeNull();
    expect(state().draft).toBeNull();
    expect(currentLessonStep(state())).toBeNull();
  });

  it('opens a lesson at a step kept in range, and moves within it', () => {
    state().setLessonError('old problem');
    state().startLesson(lesson, { kind: 'file', name: 'l.json' }, 7, ['gallery']);
    expect(state().openLesson?.step).toBe(2);
    expect(state().lessonError).toBeNull();
    state().setLessonStep(-3);
    expect(currentLessonStep(state())?.title).toBe('one');
    state().setLessonStep(1);
    expect(currentLessonStep(state())?.title).toBe('two');
    expect(state().openLesson?.hiddenBefore).toEqual(['gallery']);
    state().endLesson();
    expect(state().openLesson).toBeNull();
  });

  it('puts only a linked lesson in the address, with its step counted from 1', () => {
    state().startLesson(lesson, { kind: 'link', path: 'lessons/l.json' }, 1, []);
    expect(lessonAddress(state())).toEqual({ lesson: 'lessons/l.json', step: 2 });
    state().startLesson(lesson, { kind: 'file', name: 'l.json' }, 1, []);
    expect(lessonAddress(state())).toEqual({});
    state().startLesson(lesson, { kind: 'draft' }, 1, []);
    expect(lessonAddress(state())).toEqual({});
  });

  it('edits a draft: add, change, reorder (within bounds), delete', () => {
    state().addDraftStep(step('ignored without a draft'));
    expect(state().draft).toBeNull();
    state().editDraft({ title: 'Mine', steps: [] });
    state().addDraftStep(step('a'));
    state().addDraftStep(step('b'));
    state().addDraftStep(step('c'));
    state().updateDraftStep(1, { text: 'changed', question: 'why?' });
    expect(state().draft?.steps[1]).toEqual({ title: 'b', text: 'changed', question: 'why?', state: 'image=975' });
    state().moveDraftStep(0, 1);
    expect(state().draft?.steps.map((s) => s.title)).toEqual(['b', 'a', 'c']);
    state().moveDraftStep(0, -1);
    state().moveDraftStep(2, 1);
    expect(state().draft?.steps.map((s) => s.title)).toEqual(['b', 'a', 'c']);
    state().deleteDraftStep(1);
    expect(state().draft?.steps.map((s) => s.title)).toEqual(['b', 'c']);
    state().setDraftTitle('Renamed');
    expect(state().draft?.title).toBe('Renamed');
    state().editDraft(null);
    expect(state().draft).toBeNull();
  });
});
