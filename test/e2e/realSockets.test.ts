// The panel's Real sockets button, through the VS Code UI: the story in the lab is run again over
// real loopback sockets from the extension host and drawn in the same panel, titled as such.
import * as assert from 'node:assert/strict';
import { resultShot } from '../support/screenshots';
import { findFrameWith, pickInQuickInput as pick, runFromPalette } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

describe('Real sockets from the panel, through the VS Code UI', () => {
  const workbench = useWorkbenchSession();

  it('runs the story in the lab over real sockets when the panel\'s button is pressed', async () => {
    const page = await workbench().openWorkbench();
    await runFromPalette(page, 'Protocol Lab: Run Scenario…');
    await pick(page, 'scaling-sticky-sessions', 'Scaling stateful: sticky');
    const frame = await findFrameWith(page, '#diagram svg', 60_000);
    await frame.getByRole('button', { name: 'Run this story again over real sockets: real HTTP servers on loopback, the real proxy, a real Redis' }).click();
    await frame.waitForFunction(() => (document.getElementById('diagram-title')?.textContent ?? '') === 'Scaling stateful: sticky sessions lose the login when a server dies (over real sockets)', undefined, { timeout: 60_000 });
    // The story's crash happened to a real server: its sockets were closed.
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent.includes('💥')), undefined, { timeout: 30_000 });
    const finished = await frame.locator('.run-state').isVisible();
    assert.equal(finished, true, 'a real run is shown finished');
    await page.screenshot({ path: resultShot('e2e-real-sockets') });
  });
});
