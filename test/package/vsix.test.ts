// Builds the VSIX the way `npm run package` does and checks what ships inside it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { REPO_ROOT } from '../support/paths';

const VSIX = join(REPO_ROOT, 'dist-vsix', 'protocol-lab.vsix');

function listEntries(file: string): Promise<string[]> {
  return new Promise((resolveList, reject) => {
    yauzl.open(file, { lazyEntries: true }, (openError, zip) => {
      if (openError !== null) { reject(openError); return; }
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => { names.push(entry.fileName); zip.readEntry(); });
      zip.on('end', () => { resolveList(names); });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the VSIX', () => {
  let entries: string[] = [];

  before(function () {
    this.timeout(180_000);
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  });
  after(function () {
    this.timeout(60_000);
    // Put the development build (with source maps) back for the other layers.
    execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: 'inherit' });
  });

  it('is built and its size is printed', async () => {
    entries = await listEntries(VSIX);
    const bytes = statSync(VSIX).size;
    console.log(`VSIX size: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes), ${entries.length} entries`);
    assert.ok(bytes > 100_000);
    // The budget of the product card: 2.5 MB (the popular Mermaid preview extension ships about 14 MB).
    assert.ok(bytes <= 2.5 * 1024 * 1024, `${bytes} bytes is over 2.5 MB`);
  });

  it('holds the bundles (extension, its scenario-check worker, webview), the stylesheet, the schema, translations, walkthrough and the manifest', () => {
    for (const needed of [
      'extension/package.json', 'extension/dist/extension.js', 'extension/dist/checkWorker.js', 'extension/dist/webview/lab.js', 'extension/dist/webview/lab.css', 'extension/readme.md',
      'extension/dist/webview/codicon.css', 'extension/dist/webview/codicon.ttf',
      'extension/dist/scenario.schema.json', 'extension/package.nls.json', 'extension/package.nls.ko.json', 'extension/l10n/bundle.l10n.ko.json',
      'extension/media/activity.svg', 'extension/media/walkthrough/note.md',
    ]) {
      assert.ok(entries.some((entry) => entry.toLowerCase() === needed.toLowerCase()), `${needed} is missing from ${entries.join(', ')}`);
    }
  });

  it('holds no sources, tests, maps, node_modules or dev files', () => {
    const unwanted = entries.filter((entry) => /\.(ts|map)$|^extension\/(src|test|out|webview|scripts|examples|\.vscode-test|\.vscode|\.ci)\/|node_modules\/|tsconfig|eslint|esbuild\.js|package-lock|screenshots/.test(entry));
    assert.deepEqual(unwanted, []);
  });
});
