// Lint rules: type-aware TypeScript checks, no `any`, no floating promises,
// and the engine/diagram code kept free of VS Code and the DOM.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const pureCore = ['src/engine/**/*.ts', 'src/live/**/*.ts', 'src/diagram/**/*.ts', 'src/scenario/**/*.ts', 'src/cli/**/*.ts', 'src/protocol/**/*.ts', 'src/real/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'dist-vsix/**', 'test-results/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: pureCore,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The engine, diagrams, scenarios and CLI run under plain Node: no vscode here.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'HTMLElement'],
    },
  },
  // The rooms of ARCHITECTURE.md and what each may import: the core knows nothing of the surfaces.
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
      'boundaries/elements': [
        { type: 'engine', pattern: 'src/engine' },
        { type: 'scenario', pattern: 'src/scenario' },
        { type: 'diagram', pattern: 'src/diagram' },
        { type: 'protocol', pattern: 'src/protocol' },
        { type: 'live', pattern: 'src/live' },
        { type: 'cli', pattern: 'src/cli' },
        { type: 'real', pattern: 'src/real' },
        { type: 'coreTypes', pattern: 'src/core-types' },
        { type: 'webview', pattern: 'webview' },
        { type: 'host', pattern: 'src/(commands|panel|views|notes|scenarioFiles)' },
        // The extension's entry and settings sit in src/ itself: matched last, after every room inside src/.
        { type: 'host', pattern: 'src' },
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        policies: [
          { from: { element: { type: 'engine' } }, allow: { to: { element: { type: 'engine' } } } },
          { from: { element: { type: 'scenario' } }, allow: { to: { element: { types: { anyOf: ['engine', 'scenario'] } } } } },
          { from: { element: { type: 'diagram' } }, allow: { to: { element: { types: { anyOf: ['engine', 'scenario', 'diagram'] } } } } },
          { from: { element: { type: 'protocol' } }, allow: { to: { element: { types: { anyOf: ['engine', 'protocol'] } } } } },
          { from: { element: { type: 'live' } }, allow: { to: { element: { types: { anyOf: ['engine', 'scenario', 'live'] } } } } },
          { from: { element: { type: 'real' } }, allow: { to: { element: { types: { anyOf: ['engine', 'scenario', 'real'] } } } } },
          { from: { element: { type: 'cli' } }, allow: { to: { element: { types: { anyOf: ['engine', 'scenario', 'diagram', 'real', 'cli'] } } } } },
          { from: { element: { type: 'webview' } }, allow: { to: { element: { types: { anyOf: ['engine', 'diagram', 'protocol', 'webview'] } } } } },
          { from: { element: { type: 'host' } }, allow: { to: { element: { types: { anyOf: ['engine', 'scenario', 'diagram', 'protocol', 'live', 'real', 'host'] } } } } },
          // Packages from npm and Node's own modules: which room may use which is the next block's business.
          { allow: { to: { module: { origin: 'external' } } } },
          { allow: { to: { module: { origin: 'core' } } } },
        ],
      }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', performance: 'readonly', fetch: 'readonly' },
    },
  },
);
