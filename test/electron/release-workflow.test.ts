import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts as object);
const workflow = parse(fs.readFileSync(path.join(REPO_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  on: { push: { tags: string[] } };
  jobs: Record<string, { needs?: string | string[]; steps: Array<{ run?: string }> }>;
};
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** Every `npm run <script>` and `npm <lifecycle script>` in a text (npm's own commands aside). */
function npmScripts(text: string): string[] {
  const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
  const lifecycle = [...text.matchAll(/npm (test|start)\b/g)].map((m) => m[1]!);
  return [...named, ...lifecycle];
}

const runs = (job: string) => workflow.jobs[job]!.steps.flatMap((step) => (step.run ? [step.run] : [])).join('\n');

describe('the release workflow and docs/release.md', () => {
  it('name only scripts package.json has, and only files the repository has', () => {
    const allRuns = Object.keys(workflow.jobs).map(runs).join('\n');
    expect(npmScripts(allRuns).length).toBeGreaterThan(2);
    for (const script of npmScripts(allRuns)) expect(scripts, `workflow: npm ${script}`).toContain(script);
    for (const file of [...allRuns.matchAll(/bash (scripts\/[\w./-]+)/g)].map((m) => m[1]!)) expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(true);

    const doc = read('docs/release.md');
    expect(npmScripts(doc).length).toBeGreaterThan(2);
    for (const script of npmScripts(doc)) expect(scripts, `docs/release.md: npm ${script}`).toContain(script);
    for (const file of [...doc.matchAll(/`((?:scripts|build|electron|test)\/[\w./-]+\.\w+)`/g)].map((m) => m[1]!)) expect(fs.existsSync(path.join(REPO_ROOT, file)), `docs/release.md: ${file}`).toBe(true);
  });

  it('runs the tests first, then builds the Windows installers on Windows and the Linux ones on Linux, on a version tag', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(runs('test')).toMatch(/npm ci[\s\S]*npm test/);
    expect(workflow.jobs.windows!.needs).toBe('test');
    expect(runs('windows')).toContain('npm run dist:win');
    expect(workflow.jobs.linux!.needs).toBe('test');
    expect(runs('linux')).toContain('npm run dist:linux');
    expect(read('.github/workflows/release.yml')).toMatch(/runs-on: windows-latest[\s\S]*npm run dist:win/);
  });

  it('match the README, which says which command builds installers, where, and what the Windows installer does', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm run dist');
    expect(readme).toContain('docs/release.md');
    for (const script of npmScripts(readme)) expect(scripts, `README: npm ${script}`).toContain(script);
  });
});
