import { describe, expect, it } from 'vitest';
import { callHttp } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';

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
    await core.createStaffAccount({ name: 'Айжан', role: 'facilitator', password: 'Жашыл алма 1977' });
    const wrong = await callHttp(url, 'staff.login', { name: 'айжан', password: 'wrong one' });
    const unknown = await callHttp(url, 'staff.login', { name: 'Nobody', password: 'Жашыл алма 1977' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ ok: false, error: { code: 'staff.login_failed', params: {} } });
    expect(unknown.body).toEqual(wrong.body);
    const right = await callHttp(url, 'staff.login', { name: 'айжан', password: 'Жашыл алма 1977' });
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

  it('takes a learner through the bundled lesson and reports it completed', async () => {
    const { url } = await startInProcessHost();
    const { token } = await newLearner(url);
    const ref = { packId: 'kg.ayil.first-steps', lessonId: 'parts-of-a-computer' };

    const first = await callHttp(url, 'progress.submitStep', { ...ref, stepId: 'screen-keyboard-mouse' }, token);
    expect(first.body).toEqual({ ok: true, value: { correct: null, lessonCompleted: false, courseCompleted: false, nextStepId: 'which-part-types' } });

    const unanswered = await callHttp(url, 'progress.submitStep', { ...ref, stepId: 'which-part-types' }, token);
    expect(unanswered.status).toBe(400);
    expect(unanswered.body).toMatchObject({ error: { code: 'step.answer_required' } });

    const wrong = await callHttp(url, 'progress.submitStep', { ...ref, stepId: 'which-part-types', answer: { optionId: 'mouse' } }, token);
    expect(wrong.body).toEqual({ ok: true, value: { correct: false, lessonCompleted: false, courseCompleted: false, nextStepId: 'which-part-types' } });

    const lessonAfterWrong = await callHttp(url, 'lessons.get', ref, token);
    expect(lessonAfterWrong.body.value).toMatchObject({ doneStepIds: ['screen-keyboard-mouse'], resumeStepId: 'which-part-types' });
    expect(JSON.stringify(lessonAfterWrong.body)).not.toContain('correctOptionId');

    const right = await callHttp(url, 'progress.submitStep', { ...ref, stepId: 'which-part-types', answer: { optionId: 'keyboard' } }, token);
    expect(right.body.value).toEqual({ correct: true, lessonCompleted: false, courseCompleted: false, nextStepId: 'well-done' });
    const last = await callHttp(url, 'progress.submitStep', { ...ref, stepId: 'well-done' }, token);
    expect(last.body.value).toEqual({ correct: null, lessonCompleted: true, courseCompleted: true, nextStepId: null });

    const courses = await callHttp(url, 'courses.list', {}, token);
    expect(courses.body.value.continue).toBeNull();
    expect(courses.body.value.courses[0].lessons[0]).toMatchObject({ lessonId: ref.lessonId, completed: true, doneCount: 3, stepCount: 3 });
  });

  it('offers "continue where you stopped" at the exact step', async () => {
    const { url } = await startInProcessHost();
    const { token } = await newLearner(url);
    const ref = { packId: 'kg.ayil.first-steps', lessonId: 'parts-of-a-computer' };
    await callHttp(url, 'progress.submitStep', { ...ref, stepId: 'screen-keyboard-mouse' }, token);
    const courses = await callHttp(url, 'courses.list', {}, token);
    expect(courses.body.value.continue).toMatchObject({ ...ref, stepId: 'which-part-types' });
  });
});
