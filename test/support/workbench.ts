// Drives the VS Code workbench in the browser the way a person does: palette, frames, screenshots.
import type { Frame, Page } from 'playwright-core';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The extension host and contributions settle shortly after the shell appears.
  await page.waitForSelector('.statusbar', { timeout: 30_000 });
}

/**
 * The quick input a person sees. VS Code 1.139 keeps more than one quick-input widget in the page
 * (the palette's stays, hidden, while an extension's quick pick shows): only the visible one counts.
 */
export const QUICK_INPUT = '.quick-input-widget input:visible';

export async function runFromPalette(page: Page, title: string, timeoutMs = 45_000): Promise<void> {
  // Rows carry the keybinding after the title in their label ("Developer: Reload Window, Ctrl+R");
  // Enter takes the focused row, so wait until the wanted one is focused.
  const row = page.locator(`.quick-input-list .monaco-list-row.focused[aria-label^="${title.replace(/"/g, '\\"')}"]:visible`).first();
  const input = page.locator(QUICK_INPUT);
  const deadline = Date.now() + timeoutMs;
  // A development extension's commands appear a little after the workbench does: retry like a person would.
  for (;;) {
    try {
      await page.locator('.monaco-workbench').click({ position: { x: 400, y: 300 } });
      // A click may land in a webview's frame, which keeps the keys: hand focus back to the workbench.
      // (A string: this file compiles without the DOM library.)
      await page.evaluate('document.activeElement?.blur()');
      await page.keyboard.press('Control+Shift+P');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      // Filled into the box itself: 1.139's Chat view can take the focus just after the palette opens
      // and swallow typed keys (and an Enter pressed on the page).
      await input.fill(`>${title}`);
      await row.waitFor({ timeout: 5_000 });
      await input.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * Chooses a row of the open quick pick: fills the filter into the box itself (1.139's Chat view can
 * take the keyboard focus just after the box opens, swallowing typed keys), waits until the wanted
 * row is the focused one (Enter takes the focused row) and presses Enter in the box.
 */
export async function pickInQuickInput(page: Page, typed: string, rowLabelStart: string, timeoutMs = 30_000): Promise<void> {
  const box = page.locator(QUICK_INPUT);
  // The first pick of a command waits for the extension to activate: slow on a busy machine.
  await box.waitFor({ state: 'visible', timeout: timeoutMs });
  await box.fill(typed);
  // 1.139 keeps the rows of an earlier pick in a hidden widget: only a visible row counts.
  const row = page.locator(`.quick-input-list .monaco-list-row.focused[aria-label^="${rowLabelStart.replace(/"/g, '\\"')}"]:visible`).first();
  await row.waitFor({ timeout: timeoutMs });
  await box.press('Enter');
}

/** Finds the frame (webviews are nested iframes) holding a selector. */
export async function findFrameWith(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if ((await frame.$(selector)) !== null) return frame;
      } catch {
        // Frames come and go while the webview loads.
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no frame holds ${selector} after ${timeoutMs} ms`);
}
