// The core's purity is a type error: in the engine, the scenarios and the diagrams, importing
// vscode, reading a file or touching the DOM does not type-check (npm run typecheck). And the
// rooms of ARCHITECTURE.md import only what it allows, checked by eslint-plugin-boundaries.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
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

describe('the rooms import only what ARCHITECTURE.md allows (eslint-plugin-boundaries)', function () {
  this.timeout(120_000);
  const eslint = new ESLint({ cwd: REPO_ROOT });

  /** The boundary errors ESLint reports for `code` placed in the file at `path` (an existing file of that room). */
  async function boundaryErrors(path: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, path) });
    return (result?.messages ?? []).filter((message) => message.ruleId === 'boundaries/dependencies').map((message) => message.message);
  }

  it('refuses the core reaching into the extension, and the webview reaching into the host', async () => {
    assert.match((await boundaryErrors('src/engine/text.ts', "import { LabPanel } from '../panel/labPanel';\nexport const x = LabPanel;\n")).join(), /"engine" to elements of type "host"/);
    assert.match((await boundaryErrors('src/engine/text.ts', "import { runScenario } from '../scenario/run';\nexport const x = runScenario;\n")).join(), /"engine" to elements of type "scenario"/);
    assert.match((await boundaryErrors('src/diagram/escape.ts', "import { noteOptions } from '../settings';\nexport const x = noteOptions;\n")).join(), /"diagram" to elements of type "host"/);
    assert.match((await boundaryErrors('webview/zoom.ts', "import { activate } from '../src/extension';\nexport const x = activate;\n")).join(), /"webview" to elements of type "host"/);
  });

  it('allows what the rooms are for', async () => {
    assert.deepEqual(await boundaryErrors('src/diagram/escape.ts', "import { Lab } from '../engine/lab';\nexport const x = Lab;\n"), []);
    assert.deepEqual(await boundaryErrors('src/commands/commandArgs.ts', "import { runScenario } from '../scenario/run';\nexport const x = runScenario;\n"), []);
  });
});
