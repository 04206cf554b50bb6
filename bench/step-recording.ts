import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../core';
import { openDatabase } from '../core/db/open';
import { setUpKiosk } from '../test/support/set-up';
import { compare } from './harness';

/**
 * Saving a finished step through the whole API path (contract lookup, session, zod input and
 * output validation, handler, SQLite transaction with synchronous=FULL) against the same SQL
 * statements run bare with better-sqlite3 on the same kind of file.
 */
export async function stepRecording() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-bench-'));
  try {
    const core = await startCore({ dataDir: path.join(root, 'kiosk'), bundledPacksDir: path.resolve('dist/packs'), log: () => {} });
    await setUpKiosk(core.dispatch);
    const grant = await core.dispatch('learners.create', { displayName: 'Bench', avatar: 'sun', language: 'ky' }, null);
    if (!grant.ok) throw new Error(grant.error.code);
    const token = (grant.value as { token: string }).token;
    const input = { packId: 'kg.ayil.first-steps', lessonId: 'parts-of-a-computer', stepId: 'screen-keyboard-mouse' };

    const bare = openDatabase(path.join(root, 'bare.db'));
    bare.prepare("INSERT INTO learners (id, display_name, avatar, language, created_at) VALUES (1, 'Bench', 'sun', 'ky', 't')").run();
    const insertStep = bare.prepare('INSERT OR IGNORE INTO step_progress VALUES (1, ?, ?, ?, ?)');
    const selectDone = bare.prepare('SELECT step_id FROM step_progress WHERE learner_id = 1 AND pack_id = ? AND lesson_id = ?');
    const upsertLesson = bare.prepare(
      `INSERT INTO lesson_progress VALUES (1, ?, 'computer-basics', ?, ?, ?, ?, NULL)
       ON CONFLICT (learner_id, pack_id, lesson_id) DO UPDATE SET current_step_id = excluded.current_step_id, updated_at = excluded.updated_at`,
    );
    const bareSave = bare.transaction(() => {
      const at = new Date().toISOString();
      insertStep.run(input.packId, input.lessonId, input.stepId, at);
      selectDone.all(input.packId, input.lessonId);
      upsertLesson.run(input.packId, input.lessonId, 'which-part-types', at, at);
    });

    await compare({
      name: 'save a finished step',
      subject: async () => {
        const result = await core.dispatch('progress.submitStep', input, token);
        if (!result.ok) throw new Error(result.error.code);
      },
      baseline: () => bareSave(),
      iterations: 300,
      target: 1.3,
    });
    bare.close();
    await core.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
