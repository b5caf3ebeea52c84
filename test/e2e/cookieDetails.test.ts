// Through the UI of a real VS Code: the cookie story plays; a click on the profile request opens
// its details beside the diagram, with the cookie it carries; a step back shows the session again.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../support/paths';
import { findFrameWith, QUICK_INPUT, runFromPalette } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

describe('looking inside a message, through the VS Code UI', () => {
  const workbench = useWorkbenchSession();

  it('runs the cookie story, clicks the profile request and sees its cookie; steps back to the session kept', async () => {
    const page = await workbench().openWorkbench();
    await runFromPalette(page, 'Protocol Lab: Run Scenario…');
    const row = page.locator('.quick-input-list .monaco-list-row[aria-label^="Login needs state"]').first();
    // Into the box itself: 1.139's Chat view can take the focus just after the box opens.
    await page.locator(QUICK_INPUT).fill('login-cookie-session');
    await row.waitFor({ timeout: 30_000 });
    // The filter may keep other stories above it: the cookie story's own row is chosen.
    await row.click();
    const frame = await findFrameWith(page, '#diagram svg', 60_000);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await frame.waitForFunction(() => document.getElementById('diagram-title')?.textContent.startsWith('Login needs state') === true, undefined, { timeout: 30_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-cookie-story-failed.png') });
      throw error;
    });
    // The story plays at its pace: wait for the last answer (the 401 after the logout).
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent === '401 Login required'), undefined, { timeout: 60_000 });

    await frame.locator('#diagram .messageText', { hasText: 'Profile Request' }).first().click();
    const details = frame.getByRole('complementary', { name: 'Message details' });
    await details.waitFor({ timeout: 10_000 });
    const wire = await details.locator('.wire').textContent() ?? '';
    assert.match(wire, /^GET \/profile HTTP\/1\.1\nCookie: SID=[0-9a-f]{4}…$/);
    assert.match(await details.textContent() ?? '', /Server: read SID=[0-9a-f]{4}…/);
    assert.ok(await frame.locator('#diagram .picked').count() > 0, 'the clicked arrow is highlighted');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-cookie-details.png') });

    // The palette's Step Back moves the look, not the run: before the logout the session is kept.
    for (let step = 0; step < 6; step++) await runFromPalette(page, 'Protocol Lab: Step Back');
    await frame.waitForFunction(() => /1 session/.test(document.getElementById('inspector')?.textContent ?? ''), undefined, { timeout: 15_000 });
    assert.match(await frame.locator('.timeline-note').textContent() ?? '', /The run keeps its place/);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-step-back.png') });
    await runFromPalette(page, 'Protocol Lab: Back to Live');
    await frame.waitForFunction(() => /0 session/.test(document.getElementById('inspector')?.textContent ?? ''), undefined, { timeout: 15_000 });
  });
});
