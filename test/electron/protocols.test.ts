import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packHandler, rendererHandler } from '../../electron/protocols';
import { PACK_ID, makePack } from '../support/packs';
import { importThroughApi, staffToken, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

// The app:// and pack:// handlers are plain functions over the standard Request and Response, so
// they run here exactly as Electron's protocol.handle would call them.

/** A renderer folder with a secret beside it (where a path that climbs out would land). */
function rendererFixture() {
  const root = tempDir();
  const dir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Ayil</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'assets', 'карта 1.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'the database key');
  return { dir, root };
}

const get = (url: string, init: RequestInit = {}) => new Request(url, init);

describe('app:// (the built interface)', () => {
  it('serves the interface’s files with their content types; / is index.html; names are percent-decoded', async () => {
    const serve = rendererHandler(rendererFixture().dir);
    const index = await serve(get('app://ayil/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<title>Ayil</title>');
    const script = await serve(get('app://ayil/assets/app.js'));
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toBe('console.log(1)');
    const picture = await serve(get(`app://ayil/assets/${encodeURIComponent('карта 1.svg')}`));
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('refuses every way out of its folder: .., encoded .., encoded slashes and backslashes, absolute and drive paths', async () => {
    const { dir } = rendererFixture();
    const serve = rendererHandler(dir);
    const attempts = [
      'app://ayil/../secret.txt',
      'app://ayil/%2e%2e/secret.txt',
      'app://ayil/..%2fsecret.txt',
      'app://ayil/assets%2f..%2f..%2fsecret.txt',
      'app://ayil/%2E%2E%2Fsecret.txt',
      'app://ayil/..%5csecret.txt',
      'app://ayil/assets/..%5c..%5csecret.txt',
      `app://ayil/${encodeURIComponent(path.join(dir, '..', 'secret.txt'))}`,
      'app://ayil/C:%5cWindows%5cwin.ini',
      'app://ayil/index.html%00.js',
      'app://ayil/%E0%A4%A',
    ];
    for (const url of attempts) {
      const response = await serve(get(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('the database key');
    }
  });

  it('answers only GET (and HEAD), only for files, only on its own host', async () => {
    const serve = rendererHandler(rendererFixture().dir);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) expect((await serve(get('app://ayil/index.html', { method }))).status, method).toBe(405);
    const head = await serve(get('app://ayil/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('<!doctype html><title>Ayil</title>'.length));
    expect((await serve(get('app://ayil/assets'))).status).toBe(404);
    expect((await serve(get('app://ayil/assets/'))).status).toBe(404);
    expect((await serve(get('app://ayil/nothing.js'))).status).toBe(404);
    expect((await serve(get('app://elsewhere/index.html'))).status).toBe(404);
  });
});

describe('pack:// (files inside installed packs)', () => {
  async function installedPack() {
    const core = await startTestCore();
    const clip = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    const file = await makePack({ files: { 'images/hello.txt': 'hello 1.0.0', 'media/clip.mp4': clip, 'images/схема.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' } });
    expect((await importThroughApi(core, await staffToken(core, 'facilitator'), file)).state).toBe('done');
    return { serve: packHandler(core.readAsset), clip, core };
  }

  it('serves a pack’s files with their types, and byte ranges of stored media (206, Content-Range)', async () => {
    const { serve, clip } = await installedPack();
    const text = await serve(get(`pack://${PACK_ID}/images/hello.txt`));
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(await text.text()).toBe('hello 1.0.0');
    const svg = await serve(get(`pack://${PACK_ID}/images/${encodeURIComponent('схема.svg')}`));
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');

    const part = await serve(get(`pack://${PACK_ID}/media/clip.mp4`, { headers: { Range: 'bytes=1000-1099' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1000-1099/4096');
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(1000, 1100))).toBe(true);
    const tail = await serve(get(`pack://${PACK_ID}/media/clip.mp4`, { headers: { Range: 'bytes=4000-' } }));
    expect(tail.headers.get('content-range')).toBe('bytes 4000-4095/4096');
    expect(Buffer.from(await tail.arrayBuffer()).equals(clip.subarray(4000))).toBe(true);
    // A Range header that is not one plain byte range is ignored: the whole file, as HTTP says.
    const odd = await serve(get(`pack://${PACK_ID}/media/clip.mp4`, { headers: { Range: 'bytes=10-5,7-8' } }));
    expect(odd.status).toBe(200);
    expect((await odd.arrayBuffer()).byteLength).toBe(4096);
  });

  it('answers 404 for an unknown pack, a file the pack does not list, and any path out of the pack; 405 for anything but GET', async () => {
    const { serve, core } = await installedPack();
    for (const url of [
      'pack://kg.nobody.unknown/images/hello.txt',
      `pack://${PACK_ID}/images/nope.png`,
      `pack://${PACK_ID}/..%2F..%2Fayil.db`,
      `pack://${PACK_ID}/%2e%2e/%2e%2e/ayil.db`,
      `pack://${PACK_ID}/images/..%5c..%5cayil.db`,
      `pack://${PACK_ID}/manifest.json`,
      `pack://${PACK_ID}/%E0%A4%A`,
    ]) {
      const response = await serve(get(url));
      expect(response.status, url).toBe(404);
    }
    expect(fs.existsSync(path.join(core.dataDir, 'ayil.db'))).toBe(true);
    expect((await serve(get(`pack://${PACK_ID}/images/hello.txt`, { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await serve(get(`pack://${PACK_ID}/images/hello.txt`, { method: 'HEAD' }))).status).toBe(405);
  });
});
