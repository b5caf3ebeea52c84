// Through the UI of a real VS Code in Chromium: palette → Open Lab → the diagram is drawn.
import * as assert from 'node:assert/strict';
import { resultShot } from '../support/screenshots';
import { findFrameWith, pickInQuickInput, runFromPalette, waitForWorkbench } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

describe('Protocol Lab through the VS Code UI', () => {
  const workbench = useWorkbenchSession();

  it('opens the lab from the command palette, shows the rendered diagram, and brings back the chosen story after a reload', async () => {
    const page = await workbench().openWorkbench();
    await runFromPalette(page, 'Protocol Lab: Open Lab');
    const frame = await findFrameWith(page, '#diagram svg', 60_000);
    // The story plays live at its pace: wait for its last message.
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent === 'Login Response'), undefined, { timeout: 30_000 });
    const text = (await frame.locator('#diagram svg').textContent()) ?? '';
    assert.match(text, /Login Request/);
    assert.match(text, /Store Client Information/);
    const shot = resultShot('e2e-open-lab');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);

    // Pick another story: it is what comes back after the reload.
    await runFromPalette(page, 'Protocol Lab: Run Scenario…');
    await pickInQuickInput(page, 'tcp-connection', 'TCP: handshake');
    await frame.waitForFunction(() => document.getElementById('diagram-title')?.textContent.startsWith('TCP:') === true, undefined, { timeout: 30_000 });

    // Reload the window the way a person does: the command lets the workbench save its editors before it goes.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runFromPalette(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    const restored = await findFrameWith(page, '#diagram svg', 60_000).catch(async (error: unknown) => {
      await page.screenshot({ path: resultShot('e2e-after-reload-failed') });
      throw error;
    });
    await restored.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent === 'SYN'), undefined, { timeout: 30_000 });
    assert.equal(await restored.locator('#diagram-title').textContent(), 'TCP: handshake, data, and a crash that resets the connection');
    await page.screenshot({ path: resultShot('e2e-after-reload') });
  });
});
