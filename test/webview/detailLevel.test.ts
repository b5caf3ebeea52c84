// The Detail list and the request form's checks, in Chromium with the real bundle and a stub host:
// the level the host gives is drawn, the list changes it (and tells the host, whose exports follow),
// a folded line opens on a click or on Enter in *Messages as text*, and its details show the hops it
// folds; the request form says each parameter's problem as it is typed and holds Send until it is right.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DetailLevel } from '../../src/engine/model';
import type { RequestCheckedMessage, SnapshotMessage } from '../../src/protocol/messages';
import { builtinScenario } from '../../src/scenario/builtins';
import { paramProblem } from '../../src/scenario/commandRules';
import { runScenario, type ScenarioRun } from '../../src/scenario/run';
import { RESULTS_DIR } from '../support/paths';
import { postedMessages, sendToWebview } from './harness';
import { snapshotOf as storeSnapshot, storeLab } from './labMessages';
import { useHarness } from './useHarness';

function storyRun(id: string): ScenarioRun {
  const builtin = builtinScenario(id);
  assert.ok(builtin, id);
  return runScenario(builtin.scenario);
}

function snapshotOf(run: ScenarioRun, language: 'en' | 'ko', detail: DetailLevel): SnapshotMessage {
  return { type: 'snapshot', scenarioId: 'story', title: 'Story', language, participants: run.participants, events: run.trace, inspector: run.final, metrics: run.metrics, pacing: { playing: false, speed: 5, finished: true }, detail };
}

async function diagramText(page: Page): Promise<string> {
  return (await page.locator('#diagram .messageText').allTextContents()).join('\n');
}

async function posted<T extends { type: string }>(page: Page, type: T['type']): Promise<T[]> {
  return (await postedMessages(page)).filter((message): message is T => (message as { type: string }).type === type);
}

describe('detail levels and the request form\'s checks in Chromium', () => {
  const suite = useHarness();
  let page: Page;

  beforeEach(async () => {
    page = await suite().browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(async () => { await page.close(); });

  it('draws the level the host gives; the Detail list (keyboard) changes it and tells the host; a folded line opens on a click', async () => {
    await page.goto(suite().harness.origin);
    const run = storyRun('tcp-connection');
    await sendToWebview(page, snapshotOf(run, 'en', 'story'));
    await page.waitForFunction(() => document.querySelector('#diagram svg .messageText') !== null);
    const list = page.getByRole('combobox', { name: 'Detail' });
    assert.equal(await list.inputValue(), 'story');
    let text = await diagramText(page);
    assert.equal(text.match(/3-way handshake/g)?.length, 2, text);
    assert.doesNotMatch(text, /SYN-ACK$/m);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'detail-story.png') });
    // Keyboard only: every hop.
    await list.focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram .messageText')].some((node) => node.textContent === 'SYN-ACK'));
    assert.equal((await posted<{ type: 'detail'; level: string }>(page, 'detail')).at(-1)?.level, 'hop');
    // Keys on the list work the list: R or + there neither resets the run nor speeds it up.
    await page.keyboard.press('r');
    await page.keyboard.press('+');
    assert.deepEqual(await posted(page, 'control'), []);
    // Back to the story; a click on the first folded line opens that handshake (and its details show its three segments).
    await list.selectOption('story');
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram .messageText')].filter((node) => node.textContent.includes('3-way handshake')).length === 2);
    await page.locator('#diagram .messageText', { hasText: '3-way handshake' }).first().click();
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram .messageText')].filter((node) => node.textContent.includes('3-way handshake')).length === 1);
    text = await diagramText(page);
    assert.match(text, /^SYN\nSYN-ACK\nACK\n/, text);
    const details = page.getByRole('complementary', { name: 'Message details' });
    await details.waitFor();
    const hops = await details.locator('ol.hops li').allTextContents();
    assert.ok(hops.filter((hop) => /SYN|ACK/.test(hop)).length >= 3, hops.join(' | '));
    await page.screenshot({ path: join(RESULTS_DIR, 'detail-story-opened.png') });
  });

  it('in Korean: the list\'s words, the relay folded into a note at the request level, and Enter in Messages as text opens a folded login', async () => {
    await page.goto(`${suite().harness.origin}/ko`);
    const run = storyRun('scaling-sticky-sessions');
    await sendToWebview(page, snapshotOf(run, 'ko', 'request'));
    await page.waitForFunction(() => document.querySelector('#diagram svg .messageText') !== null);
    const list = page.getByRole('combobox', { name: '자세히' });
    assert.equal(await list.inputValue(), 'request');
    assert.deepEqual(await list.locator('option').allTextContents(), ['모든 홉', '요청마다', '이야기']);
    const notes = (await page.locator('#diagram .noteText').allTextContents()).join('\n');
    assert.match(notes, /중계 서버: 처음 온 철수를/);
    assert.equal(await page.locator('#diagram .actor', { hasText: '중계 서버' }).count(), 0);
    await page.screenshot({ path: join(RESULTS_DIR, 'detail-request.ko.png') });
    await list.selectOption('story');
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram .messageText')].some((node) => node.textContent.includes('로그인 요청 ↔ 응답')));
    // Messages as text lists every message; Enter on the first login's opens its folded line.
    await page.locator('details.message-text summary').click();
    const line = page.locator('#message-list li').first();
    await line.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('#diagram .messageText')].filter((node) => node.textContent.includes('로그인 요청 ↔ 응답')).length === 1);
    assert.match(await diagramText(page), /^로그인 요청\n/);
    await page.screenshot({ path: join(RESULTS_DIR, 'detail-story-opened.ko.png') });
  });

  it('the request form says each parameter\'s problem as it is typed (the host\'s words), with aria-invalid and aria-describedby, and holds Send until it is right', async () => {
    await page.goto(suite().harness.origin);
    const { lab, metrics } = storeLab();
    await sendToWebview(page, storeSnapshot(lab, metrics));
    // The stub host answers every check with the palette's own rule (the validator's).
    await page.exposeFunction('checkAsHost', (params: Record<string, string>) => {
      const quantity = params['quantity'] ?? '';
      const problem = /^-?\d+$/.test(quantity) ? paramProblem('shop', 'order', 'quantity', Number(quantity)) : 'quantity must be a whole number.';
      return problem === undefined ? {} : { quantity: problem };
    });
    const answerChecks = async (count: number): Promise<void> => {
      await page.waitForFunction((want) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((message) => message.type === 'checkRequest').length >= want, count);
      const checks = await posted<{ type: 'checkRequest'; requestId: number; request: string; params: Record<string, string> }>(page, 'checkRequest');
      const last = checks[checks.length - 1];
      assert.ok(last);
      const problems = await page.evaluate((params) => (window as unknown as { checkAsHost: (params: Record<string, string>) => Promise<Record<string, string>> }).checkAsHost(params), last.params);
      await sendToWebview(page, { type: 'requestChecked', requestId: last.requestId, problems } satisfies RequestCheckedMessage);
    };
    await page.getByRole('button', { name: 'Send a request from a client (pick the request and its parameters)' }).click();
    await page.getByRole('form', { name: 'Send a request' }).waitFor();
    await page.getByRole('combobox', { name: 'Request' }).selectOption('order');
    const quantity = page.locator('input[name="quantity"]');
    await quantity.fill('1001');
    let checks = (await posted(page, 'checkRequest')).length;
    await page.waitForFunction((before) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((message) => message.type === 'checkRequest').length > before, checks);
    checks = (await posted(page, 'checkRequest')).length;
    await answerChecks(checks);
    await page.waitForFunction(() => document.querySelector('input[name="quantity"]')?.getAttribute('aria-invalid') === 'true');
    const describedBy = await quantity.getAttribute('aria-describedby');
    assert.ok(describedBy);
    assert.equal(await page.locator(`#${describedBy}`).textContent(), 'quantity: must be at most 1000, got 1001');
    const send = page.getByRole('button', { name: 'Send', exact: true });
    assert.equal(await send.isDisabled(), true);
    await page.screenshot({ path: join(RESULTS_DIR, 'request-form-invalid.png') });
    // Enter in the field does not send while it is wrong.
    await quantity.press('Enter');
    assert.equal((await posted(page, 'act')).length, 0);
    await quantity.fill('3');
    await page.waitForFunction((before) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((message) => message.type === 'checkRequest').length > before, checks);
    await answerChecks(checks + 1);
    await page.waitForFunction(() => document.querySelector('input[name="quantity"]')?.getAttribute('aria-invalid') === null);
    assert.equal(await quantity.getAttribute('aria-describedby'), null);
    assert.equal(await send.isDisabled(), false);
    await quantity.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((message) => message.type === 'act'));
    const [act] = await posted<{ type: 'act'; args: { params: Record<string, string> } }>(page, 'act');
    assert.deepEqual(act?.args.params, { quantity: '3' });
  });
});
