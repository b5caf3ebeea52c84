// Runs test/integration inside a real VS Code (code-server), offline, driven by headless Chromium.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium';
import { startCodeServer, workbenchUrl } from './codeServer';
import type { LayerResult } from './mochaRun';
import { REPO_ROOT, RESULTS_DIR } from './paths';

const RESULT_MARKER = 'PROTOCOL_LAB_RESULTS ';
// A guard against a hung suite, not a speed target: a loaded machine has taken 280 s.
const TIMEOUT_MS = 480_000;

async function main(): Promise<number> {
  const session = await startCodeServer();
  const browser = await launchChromium();
  let result: (LayerResult & { vscodeVersion?: string }) | undefined;
  try {
    // As a person's browser would allow it: the lab's Copy as Image writes a picture to the clipboard.
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const exited = new Promise<number>((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => { resolveExit(code); });
    });
    // The workbench passes the extension host's console output here: the arguments of each console call.
    await page.exposeFunction('codeAutomationLog', (_level: unknown, raw: unknown) => {
      const text = (part: unknown): string => (typeof part === 'string' ? part : JSON.stringify(part));
      const message = Array.isArray(raw) ? raw.map(text).join(' ') : text(raw);
      for (const line of message.split('\n')) {
        const at = line.indexOf(RESULT_MARKER);
        if (at >= 0) result = JSON.parse(line.slice(at + RESULT_MARKER.length)) as LayerResult;
      }
      process.stdout.write(`${message}\n`);
    });
    const url = workbenchUrl(session, REPO_ROOT, join(REPO_ROOT, 'out', 'test', 'integration', 'index'));
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolveTimeout) => { timer = setTimeout(() => { resolveTimeout(-1); }, TIMEOUT_MS); });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code === -1) console.error(`The integration run did not finish within ${TIMEOUT_MS / 1000} s.`);
    console.log(`VS Code exit code: ${code}`);
    if (result?.vscodeVersion !== undefined) console.log(`Integration suite ran inside VS Code ${result.vscodeVersion}`);
    return code;
  } finally {
    await browser.close();
    await session.stop();
    const counted = result ?? { passed: 0, failed: 1, skipped: 0 };
    if (result === undefined) console.error('The integration suite reported no results (it did not run); counted as one failure.');
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'integration.json'), JSON.stringify(counted));
  }
}

main().then((code) => { process.exitCode = code === 0 ? 0 : 1; }, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
