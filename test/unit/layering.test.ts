import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

/**
 * The layering rule of eslint.config.js, run by ESLint itself on small samples as if they stood at
 * the given path in the repository (the files need not exist).
 */
const eslint = new ESLint({ cwd: REPO_ROOT });

async function layerProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return result!.messages.filter((message) => message.ruleId === 'ayil/layers').map((message) => message.message);
}

describe('the layering rule (an allow-list per folder)', () => {
  it('refuses a deep import into core from a host, and allows core/index.ts', async () => {
    for (const host of ['http-host', 'server', 'electron', 'cli', 'authoring']) {
      const deep = await layerProblems(`${host}/sample.ts`, "import { AppError } from '../core/errors';\nexport { AppError };\n");
      expect(deep, host).toHaveLength(1);
      expect(deep[0], host).toMatch(new RegExp(`^${host} may not import 'core/errors'`));
      expect(await layerProblems(`${host}/sample.ts`, "import { AppError } from '../core';\nexport { AppError };\n"), host).toEqual([]);
      expect(await layerProblems(`${host}/sample.ts`, "import { AppError } from '../core/index';\nexport { AppError };\n"), host).toEqual([]);
      expect(await layerProblems(`${host}/sample.ts`, "import { AppError } from '../core/index.ts';\nexport { AppError };\n"), host).toEqual([]);
    }
    // Deeper inside a host, and a re-export, are the same import.
    expect(await layerProblems('authoring/lint/sample.ts', "export { openPack } from '../../core/packs/pack-file';\n")).toHaveLength(1);
  });

  it('refuses an import from a folder the rule does not name, and a file in such a folder', async () => {
    const fromUnlisted = await layerProblems('http-host/sample.ts', "import { plugin } from '../plugins/plugin';\nexport { plugin };\n");
    expect(fromUnlisted).toHaveLength(1);
    expect(fromUnlisted[0]).toMatch(/^http-host may not import 'plugins\/plugin'/);
    const inUnlisted = await layerProblems('plugins/plugin.ts', 'export const plugin = 1;\n');
    expect(inUnlisted).toEqual(["'plugins/plugin' is in no layer: name its folder in the layering rule of eslint.config.js first."]);
  });

  it('keeps each layer to what it names, of ours and of npm', async () => {
    const refused: Array<[file: string, code: string]> = [
      ['collector/sample.ts', "import { AppError } from '../core';\nexport { AppError };\n"],
      ['core/stats/sample.ts', "import { buildHttpHost } from '../../http-host/http';\nexport { buildHttpHost };\n"],
      ['core/contract/sample.ts', "import { AppError } from '../errors';\nexport { AppError };\n"],
      ['base/sample.ts', "import type { Db } from '../core/db/open';\nexport type { Db };\n"],
      ['renderer/src/sample.ts', "import fs from 'node:fs';\nexport { fs };\n"],
      ['electron/sample.ts', "import Fastify from 'fastify';\nexport { Fastify };\n"],
      ['core/sample.ts', "import React from 'react';\nexport { React };\n"],
    ];
    for (const [file, code] of refused) expect(await layerProblems(file, code), file).toHaveLength(1);
    const allowed: Array<[file: string, code: string]> = [
      ['collector/sample.ts', "import { SyncBatchSchema } from '../core/contract';\nimport { weekOf } from '../base/iso-week';\nexport { SyncBatchSchema, weekOf };\n"],
      ['core/stats/sample.ts', "import { AppError } from '../errors';\nimport { suppressBreakdown } from '../../base/suppress';\nexport { AppError, suppressBreakdown };\n"],
      ['renderer/src/sample.ts', "import { daysOfWeek } from '../../base/iso-week';\nimport { useState } from 'react';\nexport { daysOfWeek, useState };\n"],
      ['test/unit/sample.ts', "import { AppError } from '../../core/errors';\nexport { AppError };\n"],
    ];
    for (const [file, code] of allowed) expect(await layerProblems(file, code), file).toEqual([]);
  });
});
