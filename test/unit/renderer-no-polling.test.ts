import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps polling out of the renderer (eslint.config.js, NO_POLLING): each way of
// polling is refused in a renderer file and the two clocks are exempt by name. The renderer as it
// is passes the rule in `npm run lint`.
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function pollingProblems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('no polling in the renderer (lint)', () => {
  const ways: Array<[string, string]> = [
    ['an interval timer', 'setInterval(() => undefined, 1000);\n'],
    ["the window's interval timer", 'window.setInterval(() => undefined, 1000);\n'],
    ["a query's refetch interval", 'export const options = { queryKey: ["drives.list"], refetchInterval: 1500 };\n'],
    ['a polling hook', 'declare function usePolling(poll: () => Promise<void>, ms: number): void;\nusePolling(async () => undefined, 2000);\n'],
  ];
  for (const [what, code] of ways) {
    it(`refuses ${what} in a renderer file`, async () => {
      expect(await pollingProblems(code, 'renderer/src/console/SomeSection.ts')).not.toEqual([]);
    });
  }

  it('lets the two clocks tick (exempt by name) and leaves other folders alone', async () => {
    const tick = 'export const timer = window.setInterval(() => undefined, 1000);\n';
    expect(await pollingProblems(tick, 'renderer/src/components/useCountdown.ts')).toEqual([]);
    expect(await pollingProblems(tick, 'renderer/src/components/IdleLogout.tsx')).toEqual([]);
    expect(await pollingProblems(tick, 'renderer/src/components/Other.ts')).not.toEqual([]);
    expect(await pollingProblems(tick, 'core/app/some-loop.ts')).toEqual([]);
  });
});
