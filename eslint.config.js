// Lint, and the architecture's directions of dependency as rules (see docs/architecture.md):
// renderer → core/contract only; http-host → core; electron, server → http-host, core;
// cli → authoring, core; authoring → core; core → nothing of ours above it.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: restrict(
      group(['**/renderer/**', '**/http-host/**', '**/server/**', '**/electron/**', '**/collector/**'], 'core depends on nothing of ours above it'),
      group(['electron', 'react', 'react-dom', 'fastify', '@fastify/*'], 'core is plain Node: no host or UI libraries'),
    ),
  },
  {
    files: ['core/contract/**/*.ts'],
    rules: restrict(
      group(['../*', 'node:*', 'better-sqlite3', 'electron', 'react'], 'the contract is pure (zod only): the renderer imports it'),
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        group(['**/core/**', '!**/core/contract', '!**/core/contract/**'], 'the renderer talks to core only through the API contract'),
        group(['**/core/contract/password-strength', '**/core/contract/password-strength.*'], 'the strength rule carries megabytes of dictionaries: the server checks passwords, the page never'),
        group(['node:*', 'better-sqlite3', 'electron', 'fastify', '**/http-host/**', '**/server/**', '**/electron/**'], 'the renderer runs in a page: no Node, no hosts'),
      ),
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
  {
    // The HTTP transport of the API (fastify): served by the browser host and by the desktop app's
    // classroom mode, so it is neither's; it knows core only.
    files: ['http-host/**/*.ts'],
    rules: restrict(group(['**/renderer/**', '**/server/**', '**/electron/**', '**/collector/**', '**/cli/**', 'electron'], 'the HTTP host uses core, never a program above it')),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(group(['**/renderer/**', '**/electron/**', 'electron'], 'the browser host uses core, never the other host or the UI')),
  },
  {
    files: ['authoring/**/*.ts'],
    rules: restrict(group(['**/renderer/**', '**/http-host/**', '**/server/**', '**/electron/**', '**/collector/**', '**/cli/**', 'electron'], 'the content tools use core, never a host, the UI or the CLI above them')),
  },
  {
    files: ['cli/**/*.ts'],
    rules: restrict(group(['**/renderer/**', '**/http-host/**', '**/server/**', '**/electron/**', 'electron'], 'the pack CLI is a thin layer over core')),
  },
  {
    files: ['collector/**/*.ts'],
    rules: restrict(
      group(['**/core/**', '!**/core/contract', '!**/core/contract/**'], 'the collector shares only the contract with the kiosk (the same zod schemas)'),
      group(['**/renderer/**', '**/http-host/**', '**/server/**', '**/electron/**', '**/cli/**', 'electron'], 'the collector is its own service'),
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(group(['**/renderer/**', '**/server/**', 'fastify'], 'the Electron shell uses core (and the shared HTTP host for classroom mode), never the browser host program or the UI')),
  },
);
