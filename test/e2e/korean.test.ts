// Korean diagrams inside VS Code: with protocolLab.diagramLanguage set to "ko" the lab draws the
// stories in Korean. (VS Code's own display language needs a language pack from the marketplace,
// which these offline machines cannot fetch; the panel's Korean words are tested in Chromium.)
import * as assert from 'node:assert/strict';
import { resultShot } from '../support/screenshots';
import { findFrameWith, runFromPalette } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

describe('Protocol Lab in Korean', () => {
  const workbench = useWorkbenchSession({ settings: { 'protocolLab.diagramLanguage': 'ko' } });

  it('draws the story in Korean when the diagram language is set to Korean', async () => {
    const page = await workbench().openWorkbench();
    await runFromPalette(page, 'Protocol Lab: Open Lab');
    const frame = await findFrameWith(page, '#diagram svg', 60_000);
    assert.equal(await frame.locator('#diagram-title').textContent(), '상태유지 프로토콜의 동작 예시 - 로그인');
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent === '로그인 요청'), undefined, { timeout: 30_000 });
    await page.screenshot({ path: resultShot('e2e-korean') });
  });
});
