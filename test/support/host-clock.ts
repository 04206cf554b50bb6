import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, SERVER_ENTRY } from './paths';
import { tempDir } from './temp-dir';

/**
 * The clock of a host process a test starts (startHostProcess): the real clock shifted by an offset
 * the test sets while the process runs (./shifted-clock.mjs reads it). Pass `command` and `env` to
 * startHostProcess; `now()` is what the host's clock says, for a collector to agree with it. The
 * offset lives in a file in `dir` (a temporary folder of the test unless given).
 */
export class HostClock {
  readonly command = ['--import', pathToFileURL(path.join(REPO_ROOT, 'test', 'support', 'shifted-clock.mjs')).href, SERVER_ENTRY];
  private readonly file: string;
  private offset = 0;

  constructor(start?: Date, dir = tempDir('ayil-clock-')) {
    this.file = path.join(dir, 'clock-offset');
    if (start) this.set(start);
    else this.write();
  }

  get env(): Record<string, string> {
    return { AYIL_TEST_CLOCK_FILE: this.file };
  }

  /** The host's clock reads `at` now (and runs on from there). */
  set(at: Date): void {
    this.offset = at.getTime() - Date.now();
    this.write();
  }

  advance(ms: number): void {
    this.offset += ms;
    this.write();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  private write(): void {
    // Whole or not at all: the process may read it at any moment.
    fs.writeFileSync(`${this.file}.part`, String(this.offset));
    fs.renameSync(`${this.file}.part`, this.file);
  }
}
