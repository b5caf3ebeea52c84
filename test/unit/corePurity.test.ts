// The core's purity is a type error: in the engine, the scenarios and the diagrams, importing
// vscode, reading a file or touching the DOM does not type-check (npm run typecheck).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../support/paths';

/** Type-checks `source` as if it were a file in the core, under tsconfig.core.json; returns the error messages. */
function coreErrors(source: string): string[] {
  const configPath = join(REPO_ROOT, 'tsconfig.core.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT, undefined, configPath);
  const file = join(REPO_ROOT, 'src', 'engine', 'purityProbe.ts');
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file, join(REPO_ROOT, 'src', 'engine', 'lab.ts')], parsed.options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the core knows nothing of VS Code, Node or the DOM', function () {
  this.timeout(60_000);

  it('type-checks as it is', () => {
    assert.deepEqual(coreErrors('export const fine = 1;\n'), []);
  });

  it('refuses vscode, a file read, Node\'s globals and the DOM', () => {
    for (const [probe, expected] of [
      ["import * as vscode from 'vscode';\nexport const w = vscode.window;\n", /window/],
      ["import { readFileSync } from 'node:fs';\nexport const text = readFileSync('x');\n", /readFileSync/],
      ["import { readFileSync } from 'fs';\nexport const text = readFileSync('x');\n", /readFileSync/],
      ["export const bytes = Buffer.from('x');\n", /Buffer/],
      ["export const title = document.title;\n", /document/],
      ["export const env = process.env;\n", /process/],
    ] as const) {
      const errors = coreErrors(probe);
      assert.ok(errors.some((error) => expected.test(error)), `no type error for:\n${probe}\n(got: ${errors.join(' | ') || 'none'})`);
    }
  });
});
