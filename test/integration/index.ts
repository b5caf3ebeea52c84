// Test entry that VS Code loads into its extension host (like @vscode/test-electron's extensionTestsPath).
import { findTestFiles, runMocha } from '../support/mochaRun';

/** The marker line the runners read from the extension host's log. */
export const RESULT_MARKER = 'PROTOCOL_LAB_RESULTS ';

export async function run(): Promise<void> {
  // PROTOCOL_LAB_GREP runs only the tests whose titles match (as in the Node-side layers).
  const grep = process.env['PROTOCOL_LAB_GREP'];
  const result = await runMocha(findTestFiles(__dirname), grep === undefined || grep === '' ? { timeoutMs: 30_000 } : { timeoutMs: 30_000, grep });
  console.log(`${RESULT_MARKER}${JSON.stringify({ ...result, vscodeVersion: (await import('vscode')).version })}`);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}
