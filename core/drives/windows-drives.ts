import { execFile } from 'node:child_process';
import fs from 'node:fs';

// A: and B: are left out: probing a floppy drive letter on an old PC spins the drive and stalls.
const LETTERS = 'CDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const REMOVABLE = 2; // Win32_LogicalDisk.DriveType for removable disks (sticks, card readers)
const QUERY = "Get-CimInstance Win32_LogicalDisk | ForEach-Object { $_.DeviceID + ' ' + $_.DriveType }";

/** The removable drive ids (`E:`) in the output of QUERY: one `DeviceID DriveType` per line. */
export function parseLogicalDisks(output: string): string[] {
  const ids: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^([A-Za-z]:)\s+(\d+)$/.exec(line.trim());
    if (match && Number(match[2]) === REMOVABLE) ids.push(match[1]!.toUpperCase());
  }
  return ids;
}

/**
 * Lists removable drives on Windows as `E:\` paths. Checking which letters exist is cheap and done
 * on every call; asking Windows which of them are removable starts PowerShell (a second or more on
 * an old PC), so it is asked only when the set of letters changes, and a failure or timeout counts
 * as "none removable" until it changes again. Sticks that present themselves as fixed disks
 * (DriveType 3) are not listed.
 *
 * Not covered by the test suite: the tests run on Linux only.
 */
export function windowsRemovableDrives(): () => Promise<string[]> {
  let askedFor = '';
  let removable = new Set<string>();
  return async () => {
    const present: string[] = [];
    await Promise.all(
      LETTERS.map((letter) =>
        fs.promises.access(`${letter}:\\`).then(
          () => present.push(`${letter}:`),
          () => {},
        ),
      ),
    );
    present.sort();
    const key = present.join(',');
    if (key !== askedFor) {
      askedFor = key;
      removable = new Set(parseLogicalDisks(await runQuery()));
    }
    return present.filter((id) => removable.has(id)).map((id) => `${id}\\`);
  };
}

function runQuery(): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', QUERY],
      { timeout: 10_000, windowsHide: true },
      (error, stdout) => resolve(error ? '' : stdout),
    );
  });
}
