// `npm run test:electron`: the same integration suites in a VS Code downloaded by
// @vscode/test-electron. Needs internet; `npm test` uses the offline VS Code server instead.
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { ROOT } from './lib/setup.mjs';

try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error('Integration tests failed or VS Code could not be downloaded:', error);
  process.exitCode = 1;
}
