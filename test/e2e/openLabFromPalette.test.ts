// Through the UI of a real VS Code in Chromium: palette → Open Lab → the diagram is drawn; after a
// window reload the story comes back, its last drawing painted at once from the webview's state.
import * as assert from 'node:assert/strict';
import { resultShot } from '../support/screenshots';
import { findFrameWith, pickInQuickInput, runFromPalette, waitForWorkbench } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

describe('Protocol Lab through the VS Code UI', () => {
  const workbench = useWorkbenchSession();

  it('opens the lab from the command palette, shows the rendered diagram, and brings back the chosen story after a reload, its last drawing at once', async () => {
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
    // The page keeps its drawing in VS Code's webview state (at most once a second).
    await frame.waitForFunction(() => {
      const host = (window as unknown as { protocolLabHost?: { getState(): { firstPaint?: { title?: string } } | undefined } }).protocolLabHost;
      return host?.getState()?.firstPaint?.title?.startsWith('TCP:') === true;
    }, undefined, { timeout: 30_000 });

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
    // The restored page painted the drawing VS Code kept for it before its own was drawn.
    assert.equal(await restored.locator('#first-paint').getAttribute('data-painted'), 'true');
    await page.screenshot({ path: resultShot('e2e-after-reload') });
  });
});
