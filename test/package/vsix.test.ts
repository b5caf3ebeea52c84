// Builds the VSIX the way `npm run package` does and checks what ships inside it.
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { REPO_ROOT } from '../support/paths';
import { readmeImages } from '../support/readme';
import { buildVsixOnce, VSIX } from './builtVsix';

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

function readEntry(file: string, name: string): Promise<string> {
  return new Promise((resolveRead, reject) => {
    yauzl.open(file, { lazyEntries: true }, (openError, zip) => {
      if (openError !== null) { reject(openError); return; }
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) { zip.readEntry(); return; }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null) { reject(streamError); return; }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => { zip.close(); resolveRead(Buffer.concat(chunks).toString('utf8')); });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => { reject(new Error(`${name} is not in ${file}`)); });
      zip.readEntry();
    });
  });
}

describe('the VSIX', () => {
  let entries: string[] = [];

  before(function () {
    this.timeout(180_000);
    buildVsixOnce();
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

  it('holds the icon the manifest names, and a README that shows every picture inline (the extension\'s page has no broken image)', async () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { readonly icon?: string };
    assert.ok(manifest.icon !== undefined);
    assert.ok(entries.includes(`extension/${manifest.icon}`), `${manifest.icon} is missing from the VSIX (.vscodeignore is an allow-list)`);
    const packed = await readEntry(VSIX, 'extension/readme.md');
    const shown = readmeImages(packed);
    assert.ok(readmeImages().length > 0, 'README.md shows the product (npm run screenshots takes its pictures)');
    assert.equal(shown.length, readmeImages().length, 'the packed README shows as many pictures as README.md');
    for (const [index, image] of readmeImages().entries()) {
      const png = readFileSync(join(REPO_ROOT, image)).toString('base64');
      assert.equal(shown[index], `data:image/png;base64,${png}`, `${image} is not inline in the packed README`);
    }
  });

  it('holds no sources, tests, maps, node_modules or dev files, and no picture files (the README carries its own)', () => {
    const unwanted = entries.filter((entry) => /\.(ts|map)$|^extension\/(src|test|out|webview|scripts|examples|\.vscode-test|\.vscode|\.ci)\/|node_modules\/|tsconfig|eslint|esbuild\.js|package-lock|screenshots/.test(entry));
    assert.deepEqual(unwanted, []);
  });
});
