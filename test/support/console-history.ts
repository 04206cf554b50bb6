import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { correctAnswer } from '../../authoring/answers';
import { callHttp } from './api';
import { bundledSource, completeBundledCourse } from './bundled-sources';
import { HostClock } from './host-clock';
import { startHostProcess, type HostProcess } from './host-process';
import { TEST_ADMIN } from './set-up';

/*
 * A browser host with a week of history behind it, for the console's end-to-end tests: a
 * librarian, learners with long names, every one of them started on the bundled "computer basics"
 * course and most of them through it (so a week's counts reach the privacy threshold and leave),
 * the practice tour started by most. The history is made in the last minutes of last week (the
 * host's clock is set back, then put right): only a week that has ended may leave the kiosk.
 */

export const HISTORY_PACK = 'kg.ayil.first-steps';
export const LIBRARIAN = { name: 'Айзада Бейшеналиева-Токтосунова', password: 'китеп тоо суу 7' };
export const LEARNERS = [
  'Айгүл Асанбекова-Жээнбекова',
  'Бакыт Токтогулов',
  'Чолпон Садыкова',
  'Динара Исаева',
  'Эрмек Жумабаев',
  'Гүлнара Мамыткулова',
];
/** How many of LEARNERS complete "computer basics" (the others only start it); all but the last start the tour. */
export const COMPLETERS = 5;

export interface HostWithHistory {
  host: HostProcess;
  clock: HostClock;
  /** Folders to remove once the host has stopped. */
  dirs: string[];
  /** An administrator's session (over HTTP) made after the clock was put right. */
  adminToken: string;
}

type Submit = (input: { packId: string; lessonId: string; stepId: string; answer?: unknown }) => Promise<any>;

/** Starts the host (its sticks are the folders of `driveRoot`) and makes the history. */
export async function startHostWithHistory(driveRoot: string): Promise<HostWithHistory> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-console-'));
  const clockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-e2e-clock-'));
  const today = new Date();
  const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
  const clock = new HostClock(new Date(monday.getTime() - 10 * 60_000), clockDir);
  const host = await startHostProcess(dataDir, { command: clock.command, env: { ...clock.env, AYIL_DRIVE_ROOTS: driveRoot } });
  const url = host.url;
  const admin = (await ok(callHttp(url, 'staff.login', TEST_ADMIN))).token as string;
  await ok(callHttp(url, 'staff.create', { ...LIBRARIAN, role: 'facilitator', yourPassword: TEST_ADMIN.password }, admin));
  for (const [i, name] of LEARNERS.entries()) {
    const grant = await ok(callHttp(url, 'learners.create', { displayName: name, avatar: 'flower', language: 'ky' }));
    const token = grant.token as string;
    await ok(callHttp(url, 'learner.setProfile', { gender: i % 2 ? 'male' : 'female', birthYear: 1970 + i * 5 }, token));
    const submit: Submit = (input) => ok(callHttp(url, 'progress.submitStep', input, token));
    if (i < COMPLETERS) await completeBundledCourse(submit, HISTORY_PACK, 'computer-basics');
    else await startCourse(submit, 'computer-basics');
    if (i < LEARNERS.length - 1) await startCourse(submit, 'practice-tour');
    await ok(callHttp(url, 'session.logout', {}, token));
  }
  // Last week has ended: the clock is right again (and the staff session of last week is over).
  clock.set(new Date());
  const adminToken = (await ok(callHttp(url, 'staff.login', TEST_ADMIN))).token as string;
  return { host, clock, dirs: [dataDir, clockDir], adminToken };
}

/** Answers the first step of a course's first lesson (right, when it asks for an answer): the course is started. */
async function startCourse(submit: Submit, courseId: string): Promise<void> {
  const source = bundledSource(HISTORY_PACK);
  const lesson = source.courses.find((c) => c.id === courseId)!.lessons[0]!;
  const step = lesson.def.steps[0]!;
  const answer = correctAnswer(step, 'ky', source.header.defaultLanguage);
  await submit({ packId: HISTORY_PACK, lessonId: lesson.id, stepId: step.id, ...(answer ? { answer } : {}) });
}

/** The value of a call that must succeed; otherwise the test fails naming the error. */
export async function ok(call: ReturnType<typeof callHttp>): Promise<any> {
  const { body } = await call;
  if (!body.ok) throw new Error(`API call failed: ${body.error?.code} ${JSON.stringify(body.error?.params)}`);
  return body.value;
}
