import { describe, expect, it } from 'vitest';
import { checkField, type FormField } from '../../core/contract';
import type { Step } from '../../core/packs/manifest';
import { judge } from '../../core/progress/judge';
import { shuffled, toStepView } from '../../core/progress/step-view';

const t = (en: string) => ({ en });
const options = [
  { id: 'a', text: t('A') },
  { id: 'b', text: t('B') },
  { id: 'c', text: t('C') },
];

describe('judging answers in core', () => {
  it('does not judge steps that are only seen', () => {
    expect(judge({ kind: 'text', id: 's', body: t('x') }, undefined)).toEqual({ correct: null });
    expect(judge({ kind: 'image', id: 's', file: 'a.svg', alt: t('x') }, undefined)).toEqual({ correct: null });
  });

  it('judges single and multiple choice, refusing an answer of the wrong shape', () => {
    const single: Step = { kind: 'single-choice', id: 's', question: t('q'), options, correctOptionId: 'b' };
    expect(judge(single, { optionId: 'b' }).correct).toBe(true);
    expect(judge(single, { optionId: 'a' }).correct).toBe(false);
    expect(() => judge(single, { optionIds: ['b'] })).toThrow(expect.objectContaining({ code: 'step.answer_required' }));
    const multiple: Step = { kind: 'multiple-choice', id: 'm', question: t('q'), options, correctOptionIds: ['a', 'c'] };
    expect(judge(multiple, { optionIds: ['c', 'a'] }).correct).toBe(true);
    expect(judge(multiple, { optionIds: ['a'] }).correct).toBe(false);
    expect(judge(multiple, { optionIds: ['a', 'b', 'c'] }).correct).toBe(false);
  });

  it('judges ordering and matching against the order the pack gives, and names the items out of place only after checking', () => {
    const ordering: Step = { kind: 'ordering', id: 'o', prompt: t('p'), items: options };
    expect(judge(ordering, { order: ['a', 'b', 'c'] })).toEqual({ correct: true });
    expect(judge(ordering, { order: ['b', 'a', 'c'] })).toEqual({ correct: false, wrongItems: ['a', 'b'] });
    expect(judge(ordering, { order: ['c', 'b', 'a'] })).toEqual({ correct: false, wrongItems: ['a', 'c'] });
    const matching: Step = { kind: 'matching', id: 'm', prompt: t('p'), left: options, right: [{ id: 'x', text: t('X') }, { id: 'y', text: t('Y') }, { id: 'z', text: t('Z') }] };
    expect(judge(matching, { pairs: { a: 'x', b: 'y', c: 'z' } })).toEqual({ correct: true });
    expect(judge(matching, { pairs: { a: 'y', b: 'x', c: 'z' } })).toEqual({ correct: false, wrongItems: ['a', 'b'] });
    expect(judge(matching, { pairs: { a: 'x', b: 'y' } })).toEqual({ correct: false, wrongItems: ['c'] });
  });

  it('explains a partly right multiple choice: each pick right or not with its reason, and the right ones missed with theirs', () => {
    const explained = options.map((o) => ({ ...o, explain: t(`because ${o.id}`) }));
    const multiple: Step = { kind: 'multiple-choice', id: 'm', question: t('q'), options: explained, correctOptionIds: ['a', 'c'] };
    expect(judge(multiple, { optionIds: ['a', 'b'] })).toEqual({
      correct: false,
      explanations: [
        { optionId: 'a', picked: true, correct: true, text: t('because a') },
        { optionId: 'b', picked: true, correct: false, text: t('because b') },
        { optionId: 'c', picked: false, correct: true, text: t('because c') },
      ],
    });
    // A right answer explains the picks only; a single choice never names the right option.
    expect(judge(multiple, { optionIds: ['a', 'c'] }).explanations?.map((e) => e.optionId)).toEqual(['a', 'c']);
    const single: Step = { kind: 'single-choice', id: 's', question: t('q'), options: explained, correctOptionId: 'b' };
    expect(judge(single, { optionId: 'a' }).explanations).toEqual([{ optionId: 'a', picked: true, correct: false, text: t('because a') }]);
  });

  it('judges typing in any of the step’s languages, forgiving only spacing', () => {
    const keyboard: Step = { kind: 'keyboard', id: 'k', instruction: t('type'), target: { ky: 'салам', ru: 'привет', en: 'hello' } };
    expect(judge(keyboard, { typed: ' салам ' }).correct).toBe(true);
    expect(judge(keyboard, { typed: 'hello' }).correct).toBe(true);
    expect(judge(keyboard, { typed: 'салан' }).correct).toBe(false);
  });

  it('judges a practice form with the same rules the player shows, and gives a practice reference', () => {
    const form: Step = {
      kind: 'form',
      id: 'f',
      service: t('Certificate'),
      pages: [
        { id: 'p1', title: t('You'), fields: [{ id: 'pin', type: 'text', label: t('Personal number'), required: true, pattern: '\\d{14}' }] },
        { id: 'p2', title: t('Where'), fields: [{ id: 'agree', type: 'checkbox', label: t('I agree'), required: true }] },
      ],
      success: { title: t('Sent'), body: t('Done') },
    };
    expect(judge(form, { values: { pin: '123', agree: true } })).toEqual({ correct: false, fieldErrors: { pin: 'pattern' } });
    expect(judge(form, { values: { pin: '12345678901234' } })).toEqual({ correct: false, fieldErrors: { agree: 'required' } });
    // Digits only: the player says "practice" in the learner's language.
    expect(judge(form, { values: { pin: '12345678901234', agree: true } })).toEqual({ correct: true, reference: expect.stringMatching(/^\d{6}$/) });
  });

  it('lets a checklist finish with things not ticked and names them to practise, and counts mouse practice when reported done', () => {
    const checklist: Step = { kind: 'checklist', id: 'c', title: t('t'), items: options };
    expect(judge(checklist, { checked: ['a', 'b'] })).toEqual({ correct: true, unticked: ['c'] });
    expect(judge(checklist, { checked: [] })).toEqual({ correct: true, unticked: ['a', 'b', 'c'] });
    expect(judge(checklist, { checked: ['a', 'b', 'c'] })).toEqual({ correct: true, unticked: [] });
    expect(judge({ kind: 'mouse', id: 'm', task: 'click', instruction: t('i'), repetitions: 2 }, { done: true }).correct).toBe(true);
  });
});

describe('what the player receives', () => {
  it('never includes answer keys, and never shows ordering or matching in their correct order', () => {
    const view = toStepView({ kind: 'single-choice', id: 's', question: t('q'), options, correctOptionId: 'b' });
    expect(JSON.stringify(view)).not.toContain('correctOptionId');
    for (const id of ['a', 'b', 'order-step', 'x1']) {
      const ordering = toStepView({ kind: 'ordering', id, prompt: t('p'), items: options });
      expect(ordering.kind === 'ordering' && ordering.items.map((i) => i.id)).not.toEqual(['a', 'b', 'c']);
      expect(shuffled(options, id)).toEqual(shuffled(options, id));
    }
  });
});

describe('form field rules', () => {
  const field = (extra: Partial<FormField>): FormField => ({ id: 'f', type: 'text', label: t('F'), required: false, ...extra });
  it('explains each broken rule by its own code', () => {
    expect(checkField(field({ required: true }), '  ')).toBe('required');
    expect(checkField(field({ minLength: 2 }), 'a')).toBe('too_short');
    expect(checkField(field({ maxLength: 3 }), 'abcd')).toBe('too_long');
    expect(checkField(field({ type: 'number' }), '12a')).toBe('not_a_number');
    expect(checkField(field({ type: 'date' }), '2026-02-30')).toBe('not_a_date');
    expect(checkField(field({ type: 'select', options }), 'z')).toBe('not_an_option');
    expect(checkField(field({ pattern: '\\d{3}' }), '12345')).toBe('pattern');
    expect(checkField(field({ type: 'date' }), '2026-02-28')).toBeNull();
    expect(checkField(field({}), '')).toBeNull();
  });
});
