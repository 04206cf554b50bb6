import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../core/files/write-durably';
import { createFatStick } from '../support/fat-stick';

const failed = (error: unknown) => new Error(`failed: ${(error as NodeJS.ErrnoException).code}`);

describe('writing an export file durably (real FAT stick)', () => {
  it('replaces an older file whole, and a write that runs out of room leaves neither a part file nor a broken one', async () => {
    const stick = await createFatStick({ sizeMb: 2 });
    const file = path.join(stick.dir, 'ayil-stats-X.csv');
    await writeFileDurably(file, 'first\n', failed);
    await writeFileDurably(file, 'second\n', failed);
    expect(fs.readFileSync(file, 'utf8')).toBe('second\n');

    const tooBig = Buffer.alloc((await stick.freeBytes()) + 1024 * 1024, 7);
    await expect(writeFileDurably(file, tooBig, failed)).rejects.toThrow(/^failed: E/);
    expect(fs.readdirSync(stick.dir).filter((n) => n.startsWith('ayil'))).toEqual(['ayil-stats-X.csv']);
    expect(fs.readFileSync(file, 'utf8')).toBe('second\n');
  });

  it('fails with the mapped error when the stick is pulled', async () => {
    const stick = await createFatStick();
    await stick.pull();
    await expect(writeFileDurably(path.join(stick.dir, 'a.json'), '{}', failed)).rejects.toThrow('failed: ENOTCONN');
  });
});
