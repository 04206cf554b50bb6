import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callHttp } from '../support/api';
import { startHostProcess } from '../support/host-process';
import { REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/temp-dir';

function damageMiddle(file: string) {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  const noise = Buffer.from(Array.from({ length: 32 * 1024 }, (_, i) => (i * 7919 + 13) % 256));
  fs.writeSync(fd, noise, 0, noise.length, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

describe('the browser host as a process', () => {
  it('`npm start` without an Electron binary starts the browser host and prints its address', async () => {
    const host = await startHostProcess(tempDir(), { command: [path.join(REPO_ROOT, 'scripts', 'start.mjs')] });
    try {
      expect(host.output()).toContain("Electron's binary is not installed here");
      expect((await fetch(host.url)).status).toBe(200);
    } finally {
      await host.stop();
    }
  });

  it('starts on a damaged database with a message naming the file and the next step, and keeps the file', async () => {
    const dataDir = tempDir();
    const healthy = await startHostProcess(dataDir);
    for (let i = 0; i < 400; i++) {
      await callHttp(healthy.url, 'learners.create', { displayName: `Learner ${i} ${'ы'.repeat(30)}`, avatar: 'sun', language: 'ky' });
    }
    await healthy.stop();
    const file = path.join(dataDir, 'ayil.db');
    expect(fs.existsSync(`${file}-wal`)).toBe(false); // a clean stop checkpoints everything into the file
    damageMiddle(file);
    const damaged = fs.readFileSync(file);

    const host = await startHostProcess(dataDir);
    try {
      expect(host.output()).toContain(`the file is damaged: ${file}`);
      expect(host.output()).toMatch(/Next step: .*move that file/s);
      const answer = await callHttp(host.url, 'kiosk.state', {});
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ ok: false, error: { code: 'db.damaged', params: { file } } });
      expect((await fetch(host.url)).status).toBe(200); // the interface still loads, to show the message
    } finally {
      await host.stop();
    }
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });
});
