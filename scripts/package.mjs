// `npm run package`: production bundles, then the VSIX in dist-vsix/.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, ROOT } from './lib/setup.mjs';

build(['--production']);
mkdirSync(join(ROOT, 'dist-vsix'), { recursive: true });
const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links',
  '--out', join(ROOT, 'dist-vsix', 'protocol-lab.vsix')], { cwd: ROOT, stdio: 'inherit' });
const { statSync } = await import('node:fs');
const bytes = statSync(join(ROOT, 'dist-vsix', 'protocol-lab.vsix')).size;
console.log(`VSIX size: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes)`);
