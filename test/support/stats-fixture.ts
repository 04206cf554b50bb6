import type { Core } from '../../core';
import { makePack, sourceManifest, PACK_ID } from './packs';
import { call, shippedKeysDir, startTestCore } from './test-core';
import { tempDir } from './temp-dir';

/** A pack with two courses over three DigComp areas, small enough to count by hand. */
export const STATS_PACK = PACK_ID;
const text = (id: string) => ({ kind: 'text', id, body: { ky: id, ru: id, en: id } });
const title = (en: string) => ({ ky: en, ru: en, en });

export const STATS_MANIFEST = sourceManifest('1.0.0', {
  courses: [
    {
      id: 'basics',
      title: title('Basics'),
      description: title('Basics'),
      lessons: [
        { id: 'l1', title: title('L1'), competences: [{ code: '1.1', level: 1 }], steps: [text('l1-a')] },
        { id: 'l2', title: title('L2'), competences: [{ code: '2.3', level: 1 }, { code: '1.2', level: 1 }], steps: [text('l2-a')] },
      ],
    },
    {
      id: 'safety',
      title: title('Safety'),
      description: title('Safety'),
      lessons: [{ id: 'l3', title: title('L3'), competences: [{ code: '4.2', level: 1 }], steps: [text('l3-a'), text('l3-b')] }],
    },
  ],
});

export const STEPS: Record<string, string[]> = { l1: ['l1-a'], l2: ['l2-a'], l3: ['l3-a', 'l3-b'] };

/** A set-up kiosk with the stats pack bundled and a clock the test moves. */
export async function statsCore(start: string, options: { driveRoots?: string[] } = {}) {
  const clock = { now: new Date(start) };
  const bundled = shippedKeysDir();
  await makePack({ manifest: STATS_MANIFEST, dir: bundled });
  const core = await startTestCore({ bundledPacksDir: bundled, now: () => clock.now, driveRoots: options.driveRoots ?? [tempDir()] });
  return { core, clock };
}

export interface TestLearner {
  id: number;
  token: string;
  pin?: string;
  guest?: boolean;
}

/** A learner made through the API, with the optional profile answered as given. */
export async function addLearner(
  core: Core,
  profile: { name: string; gender?: 'female' | 'male' | 'other' | 'undisclosed'; birthYear?: number | null; pin?: string; guest?: boolean },
): Promise<TestLearner> {
  const grant = profile.guest
    ? await call(core, 'learners.guest', { language: 'en' })
    : await call(core, 'learners.create', {
        displayName: profile.name,
        avatar: 'sun',
        language: 'en',
        ...(profile.pin ? { secret: { kind: 'pin', pin: profile.pin } } : {}),
      });
  if (profile.gender) await call(core, 'learner.setProfile', { gender: profile.gender, birthYear: profile.birthYear ?? null }, grant.token);
  return { id: grant.learner.id, token: grant.token, pin: profile.pin, guest: profile.guest };
}

/** Finishes the given steps of a lesson (all of them unless told), signing in again first (the test's clock jumps days). */
export async function doSteps(core: Core, learner: TestLearner, lessonId: string, steps = STEPS[lessonId]!) {
  if (!learner.guest) {
    const secret = learner.pin ? { secret: { kind: 'pin', pin: learner.pin } } : {};
    learner.token = (await call(core, 'learners.choose', { learnerId: learner.id, ...secret })).token;
  }
  for (const stepId of steps) await call(core, 'progress.submitStep', { packId: STATS_PACK, lessonId, stepId }, learner.token);
}
