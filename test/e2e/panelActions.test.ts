// In a real VS Code, acting from the panel: crash the clerk with the action bar, then send a
// request from the panel's form, and see both in the diagram and the topology picture.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../support/paths';
import { findFrameWith, pickInQuickInput as pick, runFromPalette } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

describe('acting from the panel, in VS Code', () => {
  const workbench = useWorkbenchSession();

  it('crashes the clerk and sends a request from the panel\'s action bar', async () => {
    const page = await workbench().openWorkbench();
    mkdirSync(RESULTS_DIR, { recursive: true });
    await runFromPalette(page, 'Protocol Lab: Run Scenario…');
    await pick(page, 'clerk-stateful', 'One clerk remembers');
    const frame = await findFrameWith(page, '#lab-actions button', 60_000);
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent.startsWith('Paid ')), undefined, { timeout: 60_000 });

    // The clerk is the only server: chosen already; the bar's Crash button crashes him.
    await frame.getByRole('button', { name: 'Crash the chosen server: it loses what it kept in memory' }).click();
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent.includes('💥')), undefined, { timeout: 30_000 });
    await frame.getByRole('button', { name: 'Restart the chosen server (it comes back empty)' }).waitFor({ timeout: 10_000 });
    assert.equal(await frame.getByRole('button', { name: 'Crash the chosen server: it loses what it kept in memory' }).isDisabled(), true);

    // Send a request from the form: the keyboard picks pay (price → order → pay), Enter sends it.
    await frame.getByRole('button', { name: 'Send a request from a client (pick the request and its parameters)' }).click();
    const requests = frame.getByRole('combobox', { name: 'Request' });
    await requests.selectOption('pay');
    await frame.getByRole('button', { name: 'Send', exact: true }).click();
    await frame.getByRole('form', { name: 'Send a request' }).waitFor({ state: 'hidden', timeout: 10_000 });
    // The crashed clerk cannot answer: the request fails.
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent.startsWith('✗')), undefined, { timeout: 30_000 });
    // A wrong parameter is said in the panel as it is typed, not in a notification: an order of 1001 is
    // over the rules' 1000, said beside the field, and Send waits until it is right.
    await frame.getByRole('button', { name: 'Send a request from a client (pick the request and its parameters)' }).click();
    await requests.selectOption('order');
    const quantity = frame.locator('input[name="quantity"]');
    await quantity.fill('1001');
    await frame.locator('#param-problem-quantity').filter({ hasText: /1000/ }).waitFor({ timeout: 30_000 });
    assert.equal(await quantity.getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.getByRole('button', { name: 'Send', exact: true }).isDisabled(), true);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-panel-actions.png') });
  });
});
