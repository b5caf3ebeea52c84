// Through the UI, the way a person works: run the clerk story from the palette, crash a server,
// see the failure in the diagram, put the diagram into a note with the panel's button.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { readmeScreenshot, resultShot } from '../support/screenshots';
import { findFrameWith, pickInQuickInput as pick, runFromPalette } from '../support/workbench';
import { useWorkbenchSession } from '../support/workbenchSession';

const NOTE = '# 공부 노트\n\nStateful vs stateless.\n';

async function diagramText(frame: Frame): Promise<string> {
  return frame.evaluate(() => [...document.querySelectorAll('#diagram svg text')].map((node) => node.textContent).join('\n'));
}

describe('clerk story → crash → note, through the VS Code UI', () => {
  const workbench = useWorkbenchSession({ files: { 'notes.md': NOTE } });

  it('runs the clerk story, shows a crash\'s failure, and inserts the diagram into notes.md (README picture)', async () => {
    const page = await workbench().openWorkbench();

    await runFromPalette(page, 'Protocol Lab: Run Scenario…');
    await pick(page, 'clerk-stateful', 'One clerk remembers');
    const frame = await findFrameWith(page, '#diagram svg', 60_000);
    await frame.waitForFunction(() => document.getElementById('diagram-title')?.textContent === 'One clerk remembers the purchase (stateful)', undefined, { timeout: 30_000 });
    // The story ends with the payment; then the only clerk crashes and the customer asks again.
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent.startsWith('Paid ')), undefined, { timeout: 60_000 });

    await runFromPalette(page, 'Protocol Lab: Crash Server…');
    // The story's clerk (점원) is called as the English diagram calls him.
    await pick(page, 'Clerk', 'Clerk');
    await frame.waitForFunction(() => [...document.querySelectorAll('#diagram svg text')].some((node) => node.textContent.includes('💥')), undefined, { timeout: 30_000 });
    await runFromPalette(page, 'Protocol Lab: Send Request…');
    await pick(page, 'price', 'price');
    await pick(page, 'laptop', 'laptop');
    // The failure and the crash before it, drawn together (a redraw in between may take a moment).
    await frame.waitForFunction(() => {
      const texts = [...document.querySelectorAll('#diagram svg text')].map((node) => node.textContent);
      return texts.some((text) => text.startsWith('✗')) && texts.some((text) => text.includes('💥'));
    }, undefined, { timeout: 30_000 });
    const drawn = await diagramText(frame);
    assert.match(drawn, /💥/);
    assert.match(drawn, /✗/);
    // The sidebar shows the stories and the crashed clerk.
    await runFromPalette(page, 'View: Show Protocol Lab');
    const downRow = page.locator('.monaco-list-row[aria-label*="Clerk"]').filter({ hasText: 'down' }).first();
    await downRow.waitFor({ timeout: 15_000 });
    await page.locator('.monaco-list-row').filter({ hasText: 'The shop clerk' }).first().waitFor({ timeout: 10_000 });
    // The README's picture: the product as it is today, taken here.
    await readmeScreenshot(page, 'lab');

    await frame.getByRole('button', { name: 'Insert the diagram into a Markdown note' }).click();
    await pick(page, 'end of a file', 'At the end of a file');
    await pick(page, 'notes.md', 'notes.md');
    const notePath = join(workbench().server.workspace, 'notes.md');
    const deadline = Date.now() + 30_000;
    while (!readFileSync(notePath, 'utf8').includes('```mermaid') && Date.now() < deadline) await page.waitForTimeout(250);
    const note = readFileSync(notePath, 'utf8');
    assert.ok(note.startsWith(NOTE), 'what was in the note is still there, first');
    assert.match(note, /```mermaid\nsequenceDiagram\n/);
    assert.match(note, /💥/);
    // The note's editor opens a moment after the file is written (slower on a busy machine).
    await page.locator('.monaco-editor .view-lines:visible').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: resultShot('e2e-note') });
  });
});
