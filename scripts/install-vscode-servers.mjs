// Installs both VS Code servers (once; later runs find them installed). `npm test` runs this beside
// its first layers, which do not need them: the install is mostly waiting on the registry and compilers.
import { VSCODE_SERVERS, vscodeServerEnv } from './lib/vscode-server.mjs';

// One after the other: both compile native modules.
for (const which of Object.keys(VSCODE_SERVERS)) vscodeServerEnv(which);
