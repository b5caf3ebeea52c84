// `npm run screenshots`: the README's pictures (media/screenshots/), taken from the product by the
// end-to-end tests that take them (titled "… (README picture)"), in the oldest VS Code we support.
// A normal test run writes its screenshots to test-results/ only, so it leaves the tree as it was.
import { join, relative } from 'node:path';
import { runEndToEndIn } from './lib/e2e.mjs';
import { build, ensureNodeModules, ROOT } from './lib/setup.mjs';
import { ensureChromium } from './lib/system-packages.mjs';

ensureNodeModules();
build();
const env = { ...process.env, CHROMIUM_PATH: ensureChromium(), PROTOCOL_LAB_README_SCREENSHOTS: '1', PROTOCOL_LAB_GREP: 'README picture' };
const row = await runEndToEndIn('oldest', env);
console.log(`${row.failed > 0 || row.passed === 0 ? 'FAIL' : 'ok  '} ${row.name}: ${row.passed} passed, ${row.failed} failed (${row.seconds.toFixed(1)} s)`);
console.log(`README pictures in ${relative(ROOT, join(ROOT, 'media', 'screenshots'))}/: look at them, then commit them with the change they show.`);
process.exitCode = row.failed > 0 || row.passed === 0 ? 1 : 0;
