import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/temp-dir';

// The Linux kiosk without Electron (docs/linux-kiosk.md): the set-up script, run against a
// temporary root directory, so it writes its files there and touches nothing of this machine.
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'linux-kiosk', 'setup.sh');

function setUp(root: string, ...args: string[]): string {
  return execFileSync('bash', [SCRIPT, '--root', root, '--app-dir', REPO_ROOT, '--node', process.execPath, ...args], { encoding: 'utf8' });
}

/** Every file under a folder with its mode, modification time and content hash. */
function snapshot(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = fs.statSync(full);
        entries[path.relative(root, full)] = `${(stat.mode & 0o777).toString(8)} ${stat.mtimeMs} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk(root);
  return entries;
}

/** A systemd unit file's keys, by section (the last value of a repeated key). */
function unitKeys(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current = '';
  for (const line of text.split('\n')) {
    const section = /^\[(.+)\]$/.exec(line);
    if (section) sections[(current = section[1]!)] = {};
    const pair = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (pair) sections[current]![pair[1]!] = pair[2]!;
  }
  return sections;
}

describe('the Linux kiosk set-up (browser host as a service, Chromium in kiosk mode at log-in)', () => {
  it('writes the service, the browser launcher, the log-in autostart and the automatic log-in; a second run changes nothing', () => {
    const root = tempDir();
    const first = setUp(root);
    expect(first).toContain('4 change(s)');
    const files = [
      'etc/systemd/system/ayil-host.service',
      'usr/local/bin/ayil-kiosk-browser',
      'home/ayil/.config/autostart/ayil-kiosk.desktop',
      'etc/lightdm/lightdm.conf.d/50-ayil-autologin.conf',
    ];
    expect(Object.keys(snapshot(root)).sort()).toEqual([...files].sort());
    const before = snapshot(root);

    const second = setUp(root);
    expect(second).toContain('Nothing to change');
    for (const file of files) expect(second).toContain(`unchanged  /${file}`);
    expect(snapshot(root)).toEqual(before);

    // A file someone changed by hand is put back, and only that one.
    fs.appendFileSync(path.join(root, files[1]!), '# edited\n');
    const third = setUp(root);
    expect(third).toContain(`written    /${files[1]}`);
    expect(third).toContain('1 change(s)');
  });

  it('gives a service that runs the built browser host, restarts it, keeps its data in /var/lib/ayil, and passes systemd’s own check', () => {
    const root = tempDir();
    setUp(root, '--port', '4311', '--user', 'kiosk');
    const unitFile = path.join(root, 'etc/systemd/system/ayil-host.service');
    const unit = unitKeys(fs.readFileSync(unitFile, 'utf8'));
    expect(unit.Service).toMatchObject({
      Type: 'simple',
      User: 'kiosk',
      StateDirectory: 'ayil',
      Environment: 'AYIL_DATA_DIR=/var/lib/ayil',
      ExecStart: `${process.execPath} ${path.join(REPO_ROOT, 'dist/server/main.mjs')} --port 4311 --data-dir /var/lib/ayil`,
      Restart: 'always',
      NoNewPrivileges: 'yes',
    });
    expect(unit.Install).toEqual({ WantedBy: 'multi-user.target' });
    // The host it starts is the one `npm start` runs without Electron, and its flags are the host's own.
    const serverMain = fs.readFileSync(path.join(REPO_ROOT, 'server', 'main.ts'), 'utf8');
    expect(serverMain).toMatch(/\bport: \{ type: 'string'/);
    expect(serverMain).toMatch(/'data-dir': \{ type: 'string'/);

    const browser = fs.readFileSync(path.join(root, 'usr/local/bin/ayil-kiosk-browser'), 'utf8');
    expect(browser).toContain('/usr/bin/chromium --kiosk');
    expect(browser).toContain('http://127.0.0.1:4311/');
    expect(fs.statSync(path.join(root, 'usr/local/bin/ayil-kiosk-browser')).mode & 0o111).toBeTruthy();
    expect(spawnSync('sh', ['-n', path.join(root, 'usr/local/bin/ayil-kiosk-browser')]).status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'home/kiosk/.config/autostart/ayil-kiosk.desktop'), 'utf8')).toContain('Exec=/usr/local/bin/ayil-kiosk-browser');
    expect(fs.readFileSync(path.join(root, 'etc/lightdm/lightdm.conf.d/50-ayil-autologin.conf'), 'utf8')).toContain('autologin-user=kiosk');

    const analyze = spawnSync('systemd-analyze', ['verify', unitFile], { encoding: 'utf8' });
    if (analyze.error) return; // no systemd-analyze on this machine: the keys above are the check
    expect(`${analyze.stdout}${analyze.stderr}`).not.toMatch(/ayil-host\.service/);
    expect(analyze.status).toBe(0);
  });

  it('refuses a port or an account name that would break the files, and writes nothing', () => {
    const root = tempDir();
    for (const args of [['--port', '43x'], ['--user', 'ayil; rm -rf /'], ['--frobnicate']]) {
      const run = spawnSync('bash', [SCRIPT, '--root', root, ...args], { encoding: 'utf8' });
      expect(run.status, args.join(' ')).not.toBe(0);
    }
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
