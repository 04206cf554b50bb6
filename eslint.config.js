// Lint, and the architecture's directions of dependency as an allow-list (docs/architecture.md):
// each folder names what it may import, of ours and, where it matters, of npm; a file in a folder
// not named here is refused until its folder is added. The rule itself is ./eslint-layering.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layering from './eslint-layering.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** The hosts reach core through its front door (core/index.ts) and the API contract only. */
const CORE_FOR_HOSTS = ['core/index.ts', 'core/contract'];
/** Node's own modules. */
const NODE = 'node:*';

/**
 * `may`: our folders (or single files) a layer imports besides its own; `packages`: the npm
 * packages it may use (where absent, any). The longest folder a file's path starts with is its
 * layer: core/contract is a layer of its own, inside core.
 */
export const LAYERS = {
  // Shared by core and the collector (and hosts): pure Node, nothing of ours.
  base: { may: [], packages: [NODE, 'better-sqlite3'] },
  // The API contract: pure (zod only, and the password rule's dictionaries); the renderer imports it.
  'core/contract': { may: [], packages: ['zod', '@zxcvbn-ts/*'] },
  // Plain Node: no host, UI or HTTP library.
  core: { may: ['base', 'core/contract', 'package.json'], packages: [NODE, 'better-sqlite3', 'zod', 'age-encryption', 'csv-stringify', 'yauzl', 'yazl'] },
  // A page: the contract only (and the week arithmetic), no Node.
  renderer: {
    may: ['core/contract', 'base/iso-week.ts'],
    packages: ['react', 'react-dom', 'react-i18next', 'i18next', 'react-markdown', 'zustand', '@tanstack/react-query'],
  },
  // The HTTP transport of the API (fastify): served by the browser host and by the desktop app's classroom mode.
  'http-host': { may: [...CORE_FOR_HOSTS, 'base'], packages: [NODE, 'fastify', '@fastify/*'] },
  server: { may: [...CORE_FOR_HOSTS, 'base', 'http-host'], packages: [NODE, 'fastify', '@fastify/*'] },
  electron: { may: [...CORE_FOR_HOSTS, 'base', 'http-host'], packages: [NODE, 'electron'] },
  // The content tools, and the pack CLI over them.
  authoring: { may: [...CORE_FOR_HOSTS, 'base'], packages: [NODE, 'zod', 'yaml', 'gettext-parser'] },
  cli: { may: [...CORE_FOR_HOSTS, 'base', 'authoring'], packages: [NODE, 'zod', 'yaml'] },
  // Its own service: shares the contract (the same zod schemas) and base with the kiosk.
  collector: {
    may: ['core/contract', 'base'],
    packages: [NODE, 'fastify', '@fastify/*', 'better-sqlite3', 'pg', 'csv-stringify', 'i18next', 'zod'],
  },
  // Build scripts: like a host.
  scripts: { may: [...CORE_FOR_HOSTS, 'base', 'authoring'] },
  'content-packs': { may: [] },
  // What measures or tests the parts may reach into any of them.
  bench: { may: ['base', 'core', 'collector', 'http-host', 'renderer', 'test/support'] },
  test: { may: ['base', 'core', 'collector', 'http-host', 'server', 'electron', 'renderer', 'authoring', 'cli', 'scripts', 'bench', 'content-packs', 'package.json'] },
  // Config files at the top.
  '': { may: [] },
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const group = (group, message) => ({ group, message });

const POLLING = 'the renderer does not poll: subscribe to a contract event in renderer/src/data/live-updates.ts instead';
/** What polling looks like in the renderer: an interval timer, a query's refetch interval, a polling hook. */
export const NO_POLLING = [
  { selector: "CallExpression[callee.name='setInterval']", message: POLLING },
  { selector: "MemberExpression[property.name='setInterval']", message: POLLING },
  { selector: "Property[key.name='refetchInterval']", message: POLLING },
  { selector: 'Identifier[name=/^use\\w*Poll/i]', message: POLLING },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    plugins: { ayil: layering },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'ayil/layers': ['error', { root: ROOT, layers: LAYERS }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Not a layer but a weight: the contract's strength rule carries megabytes of dictionaries.
      ...restrict(group(['**/core/contract/password-strength', '**/core/contract/password-strength.*'], 'the strength rule carries megabytes of dictionaries: the server checks passwords, the page never')),
    },
  },
  {
    // The renderer never polls: core says when something changed (contract events) and the data
    // layer (renderer/src/data/) re-reads what it changed. test/unit/renderer-no-polling.test.ts
    // checks that these selectors catch what they should.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...NO_POLLING] },
  },
  {
    // Clocks, not polling: a countdown that shows the seconds left, and the idle watch that counts
    // a learner's idle seconds on the page. Neither asks core anything on its tick.
    files: ['renderer/src/components/useCountdown.ts', 'renderer/src/components/IdleLogout.tsx'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
