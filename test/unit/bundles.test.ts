// The build keeps Mermaid in the webview bundle only, and the engine free of VS Code.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR } from '../support/paths';

function bundledSources(mapFile: string): string[] {
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] };
  return map.sources;
}

describe('bundles', () => {
  it('the extension host bundle contains no mermaid code', () => {
    const map = join(DIST_DIR, 'extension.js.map');
    assert.ok(existsSync(map), 'build first: dist/extension.js.map is missing');
    const sources = bundledSources(map);
    assert.ok(sources.some((source) => source.includes('src/extension.ts')));
    assert.deepEqual(sources.filter((source) => /node_modules\/(mermaid|@mermaid-js|d3|dagre)/.test(source)), []);
    assert.doesNotMatch(readFileSync(join(DIST_DIR, 'extension.js'), 'utf8'), /mermaidAPI|securityLevel/);
  });

  it('the webview bundle is one file that holds mermaid', () => {
    const sources = bundledSources(join(DIST_DIR, 'webview', 'lab.js.map'));
    assert.ok(sources.some((source) => source.includes('node_modules/mermaid/')));
    assert.ok(sources.every((source) => !source.includes('node_modules/vscode')));
  });

  it('the webview bundle leaves out what sequence diagrams never use (ELK, Cytoscape, KaTeX, the Langium parsers)', () => {
    const sources = bundledSources(join(DIST_DIR, 'webview', 'lab.js.map'));
    assert.deepEqual(sources.filter((source) => /node_modules\/(elkjs|cytoscape|katex|@mermaid-js\/parser)\//.test(source)), []);
  });
});
