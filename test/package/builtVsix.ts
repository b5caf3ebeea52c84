// The VSIX, built once for the package layer the way `npm run package` builds it; afterwards the
// development build (with source maps) is put back for the other layers.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

export const VSIX = join(REPO_ROOT, 'dist-vsix', 'protocol-lab.vsix');
let built = false;

export function buildVsixOnce(): string {
  if (!built) {
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    built = true;
  }
  return VSIX;
}

// A root hook: after every suite of the layer, whichever built it.
after(function () {
  if (!built) return;
  this.timeout(60_000);
  execFileSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: 'inherit' });
});
