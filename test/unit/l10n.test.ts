// Korean and English throughout: every string the code translates has a Korean entry with the same
// placeholders, every %key% in package.json is in both package.nls files, and the English bundle
// is what the sources say today.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

function json(path: string): Record<string, string> {
  return JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Record<string, string>;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();
}

describe('translations', () => {
  it('has a Korean translation, with the same placeholders, for every runtime string', () => {
    const english = json('l10n/bundle.l10n.json');
    const korean = json('l10n/bundle.l10n.ko.json');
    assert.ok(Object.keys(english).length > 100);
    for (const key of Object.keys(english)) {
      const translated = korean[key];
      assert.ok(translated !== undefined && translated.trim() !== '', `no Korean for "${key}"`);
      assert.deepEqual(placeholders(translated), placeholders(key), `placeholders differ in "${key}"`);
    }
    assert.deepEqual(Object.keys(korean).filter((key) => !(key in english)), [], 'Korean entries nobody uses');
  });

  it('writes no particle templates such as 은(는) or (으)로 in Korean: a placeholder is followed by a colon instead', () => {
    for (const [key, text] of [...Object.entries(json('l10n/bundle.l10n.ko.json')), ...Object.entries(json('package.nls.ko.json'))]) {
      assert.doesNotMatch(text, /\((으|이|을|를|은|는|와|과)\)|[을은이와]\((를|는|가|과)\)/, key);
    }
  });

  it('resolves every %key% of package.json in English and Korean', () => {
    const manifest = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1] ?? ''))];
    assert.ok(keys.length > 40, `${keys.length} keys`);
    const english = json('package.nls.json');
    const korean = json('package.nls.ko.json');
    assert.deepEqual(keys.filter((key) => !(key in english)), [], 'missing from package.nls.json');
    assert.deepEqual(keys.filter((key) => !(key in korean)), [], 'missing from package.nls.ko.json');
    assert.match(korean['command.openLab'] ?? '', /실험실/);
  });

  it('keeps l10n/bundle.l10n.json in step with the sources (npx @vscode/l10n-dev export)', function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), 'protocol-lab-l10n-'));
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', out, 'src', 'webview'], { cwd: REPO_ROOT, stdio: 'pipe' });
      const fresh = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      assert.deepEqual(Object.keys(fresh).sort(), Object.keys(json('l10n/bundle.l10n.json')).sort(), 'run: npx @vscode/l10n-dev export --outDir ./l10n ./src ./webview');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
