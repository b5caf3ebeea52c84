// Real traffic through the proxy, drawn: an app with in-memory sessions behind round-robin (its
// 401), behind sticky (kept), a killed upstream re-routed, and a long run folded. Every diagram and
// note block, in both languages, parses in Mermaid 12, 11.4.1 and 10; the pictures land in
// test-results/proxy/ to be looked at.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { trafficDiagram, trafficMarkdown, type TrafficDrawing } from '../../src/diagram/trafficNote';
import { createProxy, type ProxyPolicy } from '../../src/real/proxy';
import { TrafficLog } from '../../src/real/trafficLog';
import { launchChromium } from '../support/chromium';
import { REPO_ROOT } from '../support/paths';
import { startSessionApp } from '../support/sessionApp';
import { mermaidPage, parseAll, renderShown } from './mermaidPages';

/** Logs in, asks for the profile twice, and (when `kill`) closes the first instance and asks again; `repeat` more profile calls. */
async function traffic(policy: ProxyPolicy, kill: boolean, repeat = 0): Promise<TrafficDrawing> {
  const apps = [await startSessionApp('A'), await startSessionApp('B')];
  const log = new TrafficLog();
  const proxy = createProxy({ upstreams: apps.map((app) => ({ url: app.url })), policy, sink: log.add });
  const { url } = await proxy.start();
  try {
    const login = await fetch(`${url}/login`, { method: 'POST' });
    const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0] ?? '').join('; ');
    for (let index = 0; index < 2 + repeat; index++) await (await fetch(`${url}/profile`, { headers: { cookie } })).text();
    if (kill) {
      await apps[0]?.close();
      await (await fetch(`${url}/profile`, { headers: { cookie } })).text();
    }
    return { participants: proxy.participants, events: log.events(), tally: log.tally(), policy };
  } finally {
    await proxy.stop();
    await Promise.all(apps.map((app) => app.close()));
  }
}

describe('real traffic through the proxy, drawn', () => {
  let browser: Browser;
  let pages: Page[];

  before(async function () {
    this.timeout(180_000);
    browser = await launchChromium();
    pages = await Promise.all((['12', '11', '10'] as const).map((version) => mermaidPage(browser, version)));
  });
  after(async () => { await browser.close(); });

  it('draws the app\'s 401 behind round-robin, the kept login behind sticky, a re-route and a folded run; Mermaid parses it all', async function () {
    this.timeout(120_000);
    const drawings = {
      'round-robin': await traffic('round-robin', false),
      sticky: await traffic('sticky', true),
      folded: await traffic('sticky', false, 60),
      long: await traffic('round-robin', false, 60),
    };
    const roundRobin = trafficDiagram(drawings['round-robin'], 'en');
    assert.match(roundRobin, /s2-->>c1: 401 Unauthorized/);
    const sticky = trafficDiagram(drawings.sticky, 'en');
    assert.match(sticky, /first request: pin(<br\/>| )Client to Server1/);
    assert.match(sticky.replace(/<br\/>/g, ' '), /Server1 refuses connections: marked down/);
    assert.match(sticky.replace(/<br\/>/g, ' '), /pinned Server1 is down: send on to Server2, pin there/);
    assert.match(trafficDiagram(drawings.sticky, 'ko').replace(/<br\/>/g, ' '), /고정된 서버1 장애: 서버2로 보냄 \(새로 고정\)/);
    const folded = trafficDiagram(drawings.folded, 'en');
    assert.match(folded.replace(/<br\/>/g, ' '), /(×|#215;) \d+ more like this \(GET \/profile\)/);
    // Round-robin alternates 200 and 401: nothing alike in a row to fold, so the earliest are left out instead.
    assert.match(trafficDiagram(drawings.long, 'en').replace(/<br\/>/g, ' '), /Note over c1,relay: (…|#8230;) 23 earlier exchanges not drawn/);
    const texts: { name: string; text: string }[] = [];
    for (const [name, drawing] of Object.entries(drawings)) {
      for (const language of ['en', 'ko'] as const) {
        texts.push({ name: `${name}.${language}`, text: trafficDiagram(drawing, language) });
        const blocks = [...trafficMarkdown(drawing, language).matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
        blocks.forEach((text, index) => texts.push({ name: `${name}.${language}.note${index + 1}`, text }));
      }
    }
    for (const page of pages) {
      const failures = await parseAll(page, texts.map((entry) => entry.text));
      assert.deepEqual(failures.map((failure) => `${texts[failure.index]?.name ?? ''}: ${failure.error}`), []);
    }
    // Pictures (Mermaid 11.4.1, as Obsidian draws them) to be looked at.
    const out = join(REPO_ROOT, 'test-results', 'proxy');
    mkdirSync(out, { recursive: true });
    const page11 = pages[1] as Page;
    for (const entry of texts.filter((candidate) => !candidate.name.includes('note'))) {
      await renderShown(page11, entry.text);
      await page11.locator('#shown').screenshot({ path: join(out, `${entry.name}.png`) });
    }
  });
});
