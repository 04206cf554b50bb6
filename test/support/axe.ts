import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core inside the page and fails on any serious or critical violation, listing each
 * rule and the elements it found. The page's context must bypass CSP (axe is injected inline).
 */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    // Runs in the page: globalThis is its window.
    const page = globalThis as unknown as { axe: { run: (context: unknown, options: object) => Promise<any> }; document: unknown };
    const result = await page.axe.run(page.document, {
      resultTypes: ['violations'],
    });
    return (result.violations as Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>)
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility on ${where}`).toEqual([]);
}
