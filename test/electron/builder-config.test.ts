import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FuseV1Options, flipFuses, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { appPaths } from '../../electron/app-paths';
import { REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/temp-dir';

// The packaging is checked here without Electron's binary and without building an installer:
// against electron-builder's own schema, its own file matchers and its own fuse settings.
const require = createRequire(import.meta.url);
const CONFIG_FILE = path.join(REPO_ROOT, 'build', 'electron-builder.yml');
const config = parse(fs.readFileSync(CONFIG_FILE, 'utf8')) as Record<string, any>;
const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

type FileMatcher = { from: string; to: string; createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
const { getFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(config: object, name: 'files' | 'extraResources', defaultDestination: string, options: object): FileMatcher[] | null;
};

/** Where a packed app lies (electron-builder's `linux-unpacked/` or `win-unpacked/`). */
const OUT = path.join(REPO_ROOT, 'release', 'linux-unpacked');
const RESOURCES = path.join(OUT, 'resources');
const packaged = appPaths({ appRoot: path.join(RESOURCES, 'app.asar'), resourcesPath: RESOURCES, packaged: true });
const checkout = appPaths({ appRoot: REPO_ROOT, resourcesPath: '/nowhere', packaged: false });

/** Where electron-builder would put a file of the checkout, following the config's patterns; null if nowhere. */
function destinationOf(file: string, platform: 'linux' | 'win'): string | null {
  const options = { macroExpander: (s: string) => s, customBuildOptions: config[platform] ?? {}, globalOutDir: path.join(REPO_ROOT, 'release'), defaultSrc: REPO_ROOT };
  const matchers = [
    ...(getFileMatchers(config, 'files', path.join(RESOURCES, 'app.asar'), options) ?? []),
    ...(getFileMatchers(config, 'extraResources', RESOURCES, options) ?? []),
  ];
  const stat = { isDirectory: () => false };
  for (const matcher of matchers) {
    if (!file.startsWith(matcher.from + path.sep)) continue;
    if (matcher.createFilter()(file, stat)) return path.join(matcher.to, path.relative(matcher.from, file));
  }
  return null;
}

describe('the desktop package (electron-builder configuration, checked without Electron’s binary)', () => {
  it('is valid against the schema electron-builder ships (app-builder-lib/scheme.json), so a typo cannot reach a release', () => {
    const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    // As electron-builder compiles it (its schema has keywords of its own), but without type coercion.
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);

    // The check has teeth: a misspelt key and a wrong type are refused.
    expect(validate({ ...config, extraResource: [] })).toBe(false);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } })).toBe(false);
  });

  it('ships every file the main process loads, at the place electron/app-paths.ts reads it from', () => {
    const built = path.join(checkout.rendererDir, 'assets', 'index-abc123.js');
    // What main.ts loads: itself (package.json's "main"), the preload, the interface, the packs and trusted keys.
    const required: Array<[string, string]> = [
      [path.join(REPO_ROOT, 'package.json'), path.join(RESOURCES, 'app.asar', 'package.json')],
      [path.join(REPO_ROOT, packageJson.main), path.join(RESOURCES, 'app.asar', packageJson.main)],
      [checkout.preload, packaged.preload],
      [path.join(checkout.rendererDir, 'index.html'), path.join(packaged.rendererDir, 'index.html')],
      [built, path.join(packaged.rendererDir, 'assets', 'index-abc123.js')],
      [path.join(checkout.bundledPacksDir, 'example-pack-1.0.0.ayilpack'), path.join(packaged.bundledPacksDir, 'example-pack-1.0.0.ayilpack')],
      [path.join(checkout.bundledPacksDir, 'trusted-keys.json'), path.join(packaged.bundledPacksDir, 'trusted-keys.json')],
    ];
    for (const platform of ['linux', 'win'] as const) {
      for (const [source, expected] of required) expect(destinationOf(source, platform), `${path.relative(REPO_ROOT, source)} on ${platform}`).toBe(expected);
    }
    // And nothing that should stay behind: source maps, the bundled packs' signing key, sources.
    expect(destinationOf(path.join(REPO_ROOT, 'dist', 'electron', 'main.cjs.map'), 'linux')).toBeNull();
    expect(destinationOf(path.join(REPO_ROOT, 'build', 'keys', 'bundled-packs.key'), 'linux')).toBeNull();
    expect(destinationOf(path.join(REPO_ROOT, 'electron', 'main.ts'), 'linux')).toBeNull();
    expect(destinationOf(path.join(checkout.bundledPacksDir, 'notes.txt'), 'linux')).toBeNull();
  });

  it('covers every runtime file of the last build (npm run build) with those patterns', () => {
    const builtFiles = [checkout.preload, path.join(REPO_ROOT, packageJson.main), ...listFiles(checkout.rendererDir), ...listFiles(checkout.bundledPacksDir)].filter(
      (file) => !file.endsWith('.map'),
    );
    for (const file of builtFiles) expect(fs.existsSync(file), `${path.relative(REPO_ROOT, file)}: run npm run build first`).toBe(true);
    expect(listFiles(checkout.bundledPacksDir).filter((file) => file.endsWith('.ayilpack')).length).toBeGreaterThan(0);
    for (const file of builtFiles) expect(destinationOf(file, 'linux'), path.relative(REPO_ROOT, file)).not.toBeNull();
  });

  it('unpacks better-sqlite3 from the asar and rebuilds it for Electron; has no updater and no update feed', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
    expect(config.publish).toBeNull();
    const dependencies = { ...packageJson.dependencies, ...packageJson.devDependencies };
    expect(Object.keys(dependencies).filter((name) => /updater/.test(name))).toEqual([]);
    // electron-builder pinned exactly, so the schema checked here is the one that builds.
    expect(packageJson.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('builds a per-machine Windows installer with both shortcuts and a portable build; an AppImage and a .deb for Linux', () => {
    const targets = (platform: 'win' | 'linux') => (config[platform].target as Array<{ target: string }>).map((t) => t.target);
    expect(targets('win')).toEqual(['nsis', 'portable']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, createDesktopShortcut: 'always', createStartMenuShortcut: true, deleteAppDataOnUninstall: false });
  });

  it('asks before the uninstaller deletes the data folder, never during an update, and the NSIS include is UTF-8 with a BOM', () => {
    const include = fs.readFileSync(path.join(REPO_ROOT, config.nsis.include));
    expect([...include.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = include.toString('utf8');
    expect(text).toMatch(/!macro customUnInstall[\s\S]*\$\{ifNot\} \$\{isUpdated\}[\s\S]*MessageBox MB_YESNO[^\n]*MB_DEFBUTTON2[^\n]*\/SD IDNO IDNO ayilKeepData[\s\S]*RMDir \/r "\$APPDATA\\Ayil"[\s\S]*ayilKeepData:[\s\S]*!macroend/);
    // The folder it deletes is the one the app keeps its data in on Windows (core/app/data-dir.ts).
    expect(text).toContain('Удалить также данные программы «Айыл»');
  });

  it('flips the fuses electron-builder applies after packing: RunAsNode, NODE_OPTIONS and --inspect off; only app.asar, with integrity checked', async () => {
    // electron-builder's own translation of `electronFuses` into @electron/fuses' settings ...
    // (through the package's index: its modules import each other in a circle)
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: object): Promise<FuseConfig> } };
    };
    const fuses = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    // ... flipped in a stand-in binary laid out as Electron's is (sentinel, wire version, length, one byte a fuse),
    // every fuse starting in Electron's default state.
    const binary = path.join(tempDir(), 'ayil');
    const defaults = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE];
    fs.writeFileSync(binary, Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), Buffer.from([1, defaults.length, ...defaults]), Buffer.alloc(64, 7)]));
    await flipFuses(binary, fuses);
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });
});

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
