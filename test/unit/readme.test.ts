// The extension's face: the README a person sees on the extension's page starts with the sentence
// the manifest says, and shows only pictures the tests take from the product (so they cannot go
// stale), all of which are there; the manifest names a PNG icon that exists.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { readmeImages, readmeText } from '../support/readme';
import { README_SCREENSHOTS_DIR, README_SCREENSHOTS_ENV, readmeShotPaths } from '../support/screenshots';

const readme = readmeText();
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { readonly icon?: string; readonly description: string };
const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** The names test sources pass to readmeScreenshot(page, 'name'). */
function screenshotsTestsTake(): Set<string> {
  const names = new Set<string>();
  const testRoot = join(REPO_ROOT, 'test');
  for (const file of readdirSync(testRoot, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.startsWith(join('support', 'screenshots'))) continue;
    const source = readFileSync(join(testRoot, file), 'utf8');
    for (const match of source.matchAll(/readmeScreenshot\(\s*\w+\s*,\s*'([a-z0-9-]+)'\s*\)/g)) names.add(`media/screenshots/${match[1] ?? ''}.png`);
  }
  return names;
}

describe('the README as the extension\'s page', () => {
  it('starts with the sentence the manifest describes the extension with', () => {
    const description = nls[manifest.description.replace(/%/g, '')] ?? manifest.description;
    // The first paragraph after the title.
    const first = readme.split('\n\n').find((block) => !block.startsWith('#'))?.replace(/\s+/g, ' ').trim() ?? '';
    assert.ok(first.startsWith(description), `the README starts with "${first.slice(0, 120)}", the manifest says "${description}"`);
  });

  it('shows only pictures a test takes from the product, and every one is there', () => {
    const images = readmeImages(readme);
    assert.ok(images.length > 0, 'the README shows the product');
    const taken = screenshotsTestsTake();
    for (const image of images) {
      assert.ok(!/^https?:/.test(image), `${image}: the page shows pictures shipped in the VSIX, not fetched`);
      assert.ok(taken.has(image), `${image} is not taken by any test (readmeScreenshot(page, '…') in test/); tests take ${[...taken].join(', ')}`);
      assert.ok(existsSync(join(REPO_ROOT, image)), `${image} is missing: run npm run screenshots`);
    }
    const kept = readdirSync(join(REPO_ROOT, 'media', 'screenshots')).map((file) => `media/screenshots/${file}`);
    assert.deepEqual(kept.filter((file) => !images.includes(file)), [], 'media/screenshots holds only what the README shows');
  });

  it('a normal test run writes the README\'s pictures to test-results only; npm run screenshots also to media/screenshots', () => {
    const normal = readmeShotPaths('lab', {});
    assert.equal(normal.length, 1);
    assert.ok(!normal.some((path) => path.startsWith(README_SCREENSHOTS_DIR)), normal.join(', '));
    assert.match(normal[0] ?? '', /test-results[\\/]readme-lab(-vscode-[\d.]+)?\.png$/);
    const script = readFileSync(join(REPO_ROOT, 'scripts', 'screenshots.mjs'), 'utf8');
    assert.match(script, new RegExp(`${README_SCREENSHOTS_ENV}: '1'`));
    if (process.env['PROTOCOL_LAB_VSCODE'] === undefined) assert.deepEqual(readmeShotPaths('lab', { [README_SCREENSHOTS_ENV]: '1' }).slice(1), [join(README_SCREENSHOTS_DIR, 'lab.png')]);
    // Every picture the README shows is taken by a test the script runs.
    const marked = readdirSync(join(REPO_ROOT, 'test', 'e2e')).filter((file) => file.endsWith('.ts')).map((file) => readFileSync(join(REPO_ROOT, 'test', 'e2e', file), 'utf8')).filter((source) => source.includes('readmeScreenshot(page'));
    for (const source of marked) assert.match(source, /it\('[^\n]*\(README picture\)'/);
  });

  it('names a 128 px PNG icon (VS Code shows no SVG on the extension\'s page)', () => {
    assert.match(manifest.icon ?? '', /\.png$/);
    const icon = readFileSync(join(REPO_ROOT, manifest.icon ?? ''));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], `${relative(REPO_ROOT, join(REPO_ROOT, manifest.icon ?? ''))} is not 128 × 128`);
  });
});
