// The panel's action bar in Chromium with the real bundle and a stub host: keyboard only, it sends
// the palette's actions as typed messages, and says the host's refusal where the person acted.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ActedMessage } from '../../src/protocol/messages';
import { RESULTS_DIR } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { eventsSince, snapshotOf, storeLab } from './labMessages';
import { useHarness } from './useHarness';

interface Act { type: 'act'; requestId: number; action: string; args: Record<string, unknown> }

async function acts(page: Page): Promise<Act[]> {
  return (await postedMessages(page)).filter((message): message is Act => (message as { type: string }).type === 'act');
}

async function lastAct(page: Page, count: number): Promise<Act> {
  await page.waitForFunction((want) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((message) => message.type === 'act').length >= want, count);
  const all = await acts(page);
  const last = all[count - 1];
  assert.ok(last);
  return last;
}

async function answer(page: Page, requestId: number, ok: boolean, text = ''): Promise<void> {
  await sendToWebview(page, { type: 'acted', requestId, ok, text } satisfies ActedMessage);
}

describe('the panel\'s action bar in Chromium', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(suite().harness.origin);
  });
  afterEach(async () => { await page.close(); });

  it('sends a request picked with the keyboard, shows the host\'s refusal beside the fields, and closes when it is sent', async () => {
    const { lab, metrics } = storeLab();
    await sendToWebview(page, snapshotOf(lab, metrics));
    const opener = page.getByRole('button', { name: 'Send a request from a client (pick the request and its parameters)' });
    await opener.waitFor();
    await opener.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Send a request' });
    await form.waitFor();
    assert.equal(await opener.getAttribute('aria-expanded'), 'true');
    // Two clients: the client list takes the focus; the second is Kim.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    // price → order; its quantity comes with the example (2) in it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1001');
    await page.keyboard.press('Enter');
    const sent = await lastAct(page, 1);
    assert.deepEqual(sent, { type: 'act', requestId: sent.requestId, action: 'sendRequest', args: { client: 'Kim', request: 'order', params: { quantity: '1001' } } });
    // Space and → in the form are the form's: no pause, no step is sent to the run.
    await answer(page, sent.requestId, false, 'quantity: must be at most 1000, got 1001');
    await page.getByRole('alert').filter({ hasText: 'must be at most 1000' }).waitFor();
    assert.equal(await page.locator('input[name="quantity"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'quantity');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    const again = await lastAct(page, 2);
    assert.deepEqual(again.args, { client: 'Kim', request: 'order', params: { quantity: '3' } });
    await answer(page, again.requestId, true);
    await form.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Send a request from a client (pick the request and its parameters)', 'the focus goes back to the button');
    assert.equal((await postedMessages(page)).filter((message) => (message as { type: string }).type === 'control').length, 0);
  });

  it('crashes, restarts, adds a server, takes the store down and changes where state lives and the relay, keyboard only', async () => {
    const { lab, metrics } = storeLab();
    await sendToWebview(page, snapshotOf(lab, metrics));
    const servers = page.getByRole('combobox', { name: 'Server' });
    await servers.waitFor();
    await servers.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByRole('button', { name: 'Restart the chosen server (it comes back empty)' }).isDisabled(), true, 'an up server cannot be restarted');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Crash the chosen server: it loses what it kept in memory');
    await page.keyboard.press('Enter');
    const crash = await lastAct(page, 1);
    assert.deepEqual([crash.action, crash.args], ['crashServer', { server: 'Server2' }]);
    await answer(page, crash.requestId, true);

    // The host's next batch says Server2 is down: now it can be restarted, not crashed.
    lab.crash('Server2');
    lab.runUntilIdle();
    await sendToWebview(page, eventsSince(lab, metrics, 1));
    const restart = page.getByRole('button', { name: 'Restart the chosen server (it comes back empty)' });
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('[aria-label="Restart the chosen server (it comes back empty)"]')?.disabled === false);
    assert.equal(await page.getByRole('button', { name: 'Crash the chosen server: it loses what it kept in memory' }).isDisabled(), true);
    await restart.focus();
    await page.keyboard.press('Space');
    const restarted = await lastAct(page, 2);
    assert.deepEqual([restarted.action, restarted.args], ['restartServer', { server: 'Server2' }]);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Add server');
    await page.keyboard.press('Enter');
    assert.deepEqual((await lastAct(page, 3)).action, 'addServer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.deepEqual((await lastAct(page, 4)).action, 'storeDown');
    await page.keyboard.press('Tab');
    // store → token: the list is in the order of STATE_PLACEMENTS (server, client, store, token).
    await page.keyboard.press('ArrowDown');
    const state = await lastAct(page, 5);
    assert.deepEqual([state.action, state.args], ['setStatePlacement', { state: 'token' }]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowUp');
    const relay = await lastAct(page, 6);
    assert.deepEqual([relay.action, relay.args], ['setRelayPolicy', { relay: 'none' }]);
    // A refusal is said in the bar.
    await answer(page, relay.requestId, false, 'No server is down.');
    await page.getByRole('status').filter({ hasText: 'No server is down.' }).waitFor();
    assert.equal((await postedMessages(page)).filter((message) => (message as { type: string }).type === 'control').length, 0, 'keys in the bar never reach the run\'s shortcuts');
  });

  it('looks like VS Code in light, dark and high contrast, and speaks Korean', async () => {
    const { lab, metrics } = storeLab();
    lab.send('Customer', 'price', { item: 'laptop' });
    lab.runUntilIdle();
    lab.crash('Server2');
    mkdirSync(RESULTS_DIR, { recursive: true });
    const themes: readonly [string, string, Readonly<Record<string, string>>][] = [
      ['light', 'vscode-light', { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-dropdown-background': '#ffffff', '--vscode-dropdown-foreground': '#3b3b3b', '--vscode-dropdown-border': '#cecece', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece', '--vscode-errorForeground': '#f85149', '--vscode-descriptionForeground': '#3b3b3b', '--vscode-panel-border': '#e5e5e5', '--vscode-editorWidget-background': '#f8f8f8', '--vscode-focusBorder': '#005fb8' }],
      ['dark', 'vscode-dark', { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-button-secondaryBackground': '#3a3d41', '--vscode-button-secondaryForeground': '#ffffff', '--vscode-button-background': '#0e639c', '--vscode-button-foreground': '#ffffff', '--vscode-dropdown-background': '#3c3c3c', '--vscode-dropdown-foreground': '#f0f0f0', '--vscode-input-background': '#3c3c3c', '--vscode-input-foreground': '#cccccc', '--vscode-errorForeground': '#f48771', '--vscode-descriptionForeground': '#a0a0a0', '--vscode-panel-border': '#80808059', '--vscode-editorWidget-background': '#252526', '--vscode-focusBorder': '#007fd4' }],
      ['high-contrast', 'vscode-high-contrast', { '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff', '--vscode-button-border': '#6fc3df', '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-contrastBorder': '#6fc3df', '--vscode-dropdown-background': '#000000', '--vscode-dropdown-foreground': '#ffffff', '--vscode-dropdown-border': '#6fc3df', '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df', '--vscode-errorForeground': '#f48771', '--vscode-descriptionForeground': '#ffffff', '--vscode-panel-border': '#6fc3df', '--vscode-focusBorder': '#f38518' }],
    ];
    await sendToWebview(page, snapshotOf(lab, metrics));
    await page.waitForFunction(() => document.querySelector('#diagram svg') !== null);
    await page.getByRole('button', { name: 'Send a request from a client (pick the request and its parameters)' }).click();
    for (const [name, bodyClass, colours] of themes) {
      await page.evaluate(([className, variables]) => {
        document.body.className = className;
        for (const [key, value] of Object.entries(variables)) document.body.style.setProperty(key, value);
      }, [bodyClass, colours] as const);
      // The icon font is drawn (a codicon is 16 px wide, not a fallback letter's width).
      assert.equal(await page.evaluate(() => document.fonts.check('16px codicon')), true);
      await page.screenshot({ path: join(RESULTS_DIR, `webview-actions-${name}.png`) });
    }
    await page.goto(`${suite().harness.origin}/ko`);
    await sendToWebview(page, snapshotOf(lab, metrics, 'ko'));
    await page.getByRole('button', { name: '클라이언트에서 요청 보내기 (요청과 매개변수 고르기)' }).click();
    await page.screenshot({ path: join(RESULTS_DIR, 'webview-actions-ko.png') });
  });
});
