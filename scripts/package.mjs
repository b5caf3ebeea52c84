// `npm run package`: production bundles, then the VSIX in dist-vsix/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, ROOT } from './lib/setup.mjs';

build(['--production']);
mkdirSync(join(ROOT, 'dist-vsix'), { recursive: true });
// VS Code shows an installed extension's README in a webview where a relative image resolves
// against the webview's own address and breaks: the packed README carries its pictures inline
// (data: URIs of the PNGs the tests take; the page allows data: images).
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/!\[([^\]]*)\]\((media\/screenshots\/[a-z0-9-]+\.png)\)/g,
  (_, alt, path) => `![${alt}](data:image/png;base64,${readFileSync(join(ROOT, path)).toString('base64')})`);
const packedReadme = join(ROOT, 'dist', 'README.md');
writeFileSync(packedReadme, readme);
const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links',
  '--readme-path', relative(ROOT, packedReadme), '--out', join(ROOT, 'dist-vsix', 'protocol-lab.vsix')], { cwd: ROOT, stdio: 'inherit' });
const { statSync } = await import('node:fs');
const bytes = statSync(join(ROOT, 'dist-vsix', 'protocol-lab.vsix')).size;
console.log(`VSIX size: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes)`);
