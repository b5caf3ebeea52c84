// Chromium pages with Mermaid 12 or Mermaid 10 loaded, for checking generated diagrams.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths';

export interface ParseFailure {
  readonly index: number;
  readonly error: string;
}

export async function mermaidPage(browser: Browser, version: '12' | '12lab' | '11' | '10'): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ path: join(REPO_ROOT, 'out', 'mermaid-check', `mermaid${version}.js`) });
  return page;
}

export async function parseAll(page: Page, texts: readonly string[]): Promise<ParseFailure[]> {
  return page.evaluate(async (all) => (window as unknown as { parseAll(texts: string[]): Promise<ParseFailure[]> }).parseAll(all), [...texts]);
}

/** Every diagram's SVG, rendered one after another in the page. */
export async function renderAll(page: Page, texts: readonly string[]): Promise<string[]> {
  return page.evaluate(async (all) => (window as unknown as { renderAll(texts: string[]): Promise<string[]> }).renderAll(all), [...texts]);
}

export async function renderTexts(page: Page, text: string): Promise<{ text: string; active: number }> {
  return page.evaluate(async (diagram) => (window as unknown as { renderTexts(text: string): Promise<{ text: string; active: number }> }).renderTexts(diagram), text);
}

/** Renders one diagram into the page (left there for a screenshot); returns its natural size in px. */
export async function renderShown(page: Page, text: string): Promise<{ width: number; height: number }> {
  return page.evaluate(async (diagram) => (window as unknown as { renderShown(text: string): Promise<{ width: number; height: number }> }).renderShown(diagram), text);
}

/** Settings on top of Mermaid's defaults for the renders that follow (e.g. the panel's own). */
export async function configureMermaid(page: Page, config: Record<string, unknown>): Promise<void> {
  await page.evaluate((settings) => { (window as unknown as { configure(config: Record<string, unknown>): void }).configure(settings); }, config);
}
