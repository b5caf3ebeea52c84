// Lint rules: type-aware TypeScript checks, no `any`, no floating promises,
// and the engine/diagram code kept free of VS Code and the DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureCore = ['src/engine/**/*.ts', 'src/live/**/*.ts', 'src/diagram/**/*.ts', 'src/scenario/**/*.ts', 'src/cli/**/*.ts', 'src/protocol/**/*.ts'];

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
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', performance: 'readonly', fetch: 'readonly' },
    },
  },
);
