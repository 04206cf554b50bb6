import { describe, expect, it } from 'vitest';
import { callHttp } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';
import { bundledSource } from '../support/bundled-sources';
import { correctAnswer } from '../../authoring/answers';

async function newLearner(url: string) {
  const { body } = await callHttp(url, 'learners.create', { displayName: 'Айгүл', avatar: 'flower', language: 'ky' });
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.value as { token: string; learner: { id: number } };
}

describe('the API over HTTP', () => {
  it('answers a wrong input with 400 and a translatable code naming each bad field', async () => {
    const { url } = await startInProcessHost();
    const { status, body } = await callHttp(url, 'learners.create', { displayName: '   ', avatar: 'dragon', language: 'fr', extra: 1 });
    expect(status).toBe(400);
    expect(body).toEqual({
      ok: false,
      error: {
        code: 'input.invalid',
        params: {
          method: 'learners.create',
          issues: expect.arrayContaining([
            { path: 'displayName', code: 'too_small' },
            { path: 'avatar', code: 'invalid_value' },
            { path: 'language', code: 'invalid_value' },
            { path: '', code: 'unrecognized_keys' },
          ]),
        },
      },
    });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|Error:/);
  });

  it('refuses a facilitator method to a learner with 403', async () => {
    const { url } = await startInProcessHost();
    const { token } = await newLearner(url);
    const { status, body } = await callHttp(url, 'packs.installed', {}, token);
    expect(status).toBe(403);
    expect(body).toEqual({ ok: false, error: { code: 'auth.forbidden', params: { method: 'packs.installed', role: 'facilitator' } } });
  });

  it('refuses a learner method without a session with 403, and with a stale token with 401', async () => {
    const { url } = await startInProcessHost();
    expect((await callHttp(url, 'courses.list', {})).status).toBe(403);
    const stale = await callHttp(url, 'courses.list', {}, 'not-a-real-token');
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
  });

  it('ends a session at logout', async () => {
    const { url } = await startInProcessHost();
    const { token } = await newLearner(url);
    expect((await callHttp(url, 'courses.list', {}, token)).status).toBe(200);
    expect((await callHttp(url, 'session.logout', {}, token)).status).toBe(200);
    expect((await callHttp(url, 'courses.list', {}, token)).status).toBe(401);
  });

  it('answers an unknown method with 404 and malformed JSON with 400, both structured', async () => {
    const { url } = await startInProcessHost();
    const unknown = await callHttp(url, 'learners.dropTable', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ ok: false, error: { code: 'api.unknown_method', params: { method: 'learners.dropTable' } } });

    const response = await fetch(new URL('api/kiosk.state', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'api.bad_request' } });
  });

  it('answers a wrong staff password with 401 and the same code as an unknown name', async () => {
    const { url, core } = await startInProcessHost();
    await core.createStaffAccount({ name: 'Айжан', role: 'facilitator', password: 'right one' });
    const wrong = await callHttp(url, 'staff.login', { name: 'айжан', password: 'wrong one' });
    const unknown = await callHttp(url, 'staff.login', { name: 'Nobody', password: 'right one' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ ok: false, error: { code: 'staff.login_failed', params: {} } });
    expect(unknown.body).toEqual(wrong.body);
    const right = await callHttp(url, 'staff.login', { name: 'айжан', password: 'right one' });
    expect(right.body).toMatchObject({ ok: true, value: { role: 'facilitator' } });
    expect((await callHttp(url, 'packs.installed', {}, right.body.value.token)).status).toBe(200);
  });

  it('serves the built interface with a strict content security policy', async () => {
    const { url } = await startInProcessHost();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root"></div>');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('takes a learner through a bundled lesson: a wrong answer changes nothing and is explained, the right one moves on', async () => {
    const { url } = await startInProcessHost();
    const { token } = await newLearner(url);
    const ref = { packId: 'kg.ayil.first-steps', lessonId: 'parts-of-a-computer' };
    const source = bundledSource(ref.packId);
    const course = source.courses.find((c) => c.lessons.some((l) => l.id === ref.lessonId))!;
    const steps = course.lessons.find((l) => l.id === ref.lessonId)!.def.steps;
    const quiz = steps.findIndex((s) => s.id === 'which-part-types');
    const nextOf = (i: number) => steps[i + 1]?.id ?? null;
    const submit = (stepId: string, answer?: unknown) => callHttp(url, 'progress.submitStep', { ...ref, stepId, ...(answer ? { answer } : {}) }, token);

    for (const [i, step] of steps.slice(0, quiz).entries()) {
      const answer = correctAnswer(step, 'ky', 'ky');
      expect((await submit(step.id, answer)).body).toMatchObject({ ok: true, value: { correct: answer ? true : null, lessonCompleted: false, courseCompleted: false, certified: false, nextStepId: nextOf(i) } });
    }

    const unanswered = await submit('which-part-types');
    expect(unanswered.status).toBe(400);
    expect(unanswered.body).toMatchObject({ error: { code: 'step.answer_required' } });

    const wrong = await submit('which-part-types', { optionId: 'mouse' });
    expect(wrong.body.value).toMatchObject({ correct: false, lessonCompleted: false, courseCompleted: false, certified: false, nextStepId: 'which-part-types' });
    expect(wrong.body.value.explanations).toEqual([expect.objectContaining({ optionId: 'mouse', picked: true, correct: false, text: expect.objectContaining({ ky: expect.any(String) }) })]);

    const lessonAfterWrong = await callHttp(url, 'lessons.get', ref, token);
    expect(lessonAfterWrong.body.value).toMatchObject({ resumeStepId: 'which-part-types' });
    expect(lessonAfterWrong.body.value.doneStepIds).toEqual(steps.slice(0, quiz).map((s) => s.id));
    // The player never gets an answer key or an explanation before answering.
    expect(JSON.stringify(lessonAfterWrong.body)).not.toContain('correctOptionId');
    expect(JSON.stringify(lessonAfterWrong.body)).not.toContain('"explain"');

    const right = await submit('which-part-types', { optionId: 'keyboard' });
    expect(right.body.value).toMatchObject({ correct: true, lessonCompleted: false, nextStepId: nextOf(quiz) });
    let last = right;
    for (const [i, step] of steps.entries()) {
      if (i <= quiz) continue;
      last = await submit(step.id, correctAnswer(step, 'ky', 'ky'));
    }
    // The lesson is done; the course needs its other lessons too.
    expect(last.body.value).toMatchObject({ lessonCompleted: true, courseCompleted: course.lessons.length === 1, nextStepId: null });

    const courses = await callHttp(url, 'courses.list', {}, token);
    expect(courses.body.value.continue).toBeNull();
    const summary = courses.body.value.courses.find((c: { courseId: string }) => c.courseId === course.id);
    expect(summary.lessons.find((l: { lessonId: string }) => l.lessonId === ref.lessonId)).toMatchObject({ completed: true, doneCount: steps.length, stepCount: steps.length });
  });

  it('offers "continue where you stopped" at the exact step', async () => {
    const { url } = await startInProcessHost();
    const { token } = await newLearner(url);
    const ref = { packId: 'kg.ayil.first-steps', lessonId: 'parts-of-a-computer' };
    const steps = bundledSource(ref.packId).courses.flatMap((c) => c.lessons).find((l) => l.id === ref.lessonId)!.def.steps;
    await callHttp(url, 'progress.submitStep', { ...ref, stepId: steps[0]!.id }, token);
    const courses = await callHttp(url, 'courses.list', {}, token);
    expect(courses.body.value.continue).toMatchObject({ ...ref, stepId: steps[1]!.id });
  });
});
