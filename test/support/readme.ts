// What the README shows: the page VS Code and the marketplace render for the extension.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export function readmeText(): string {
  return readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
}

/** Every image the README shows: Markdown `![alt](path)` and HTML `<img src="path">`. */
export function readmeImages(text: string = readmeText()): string[] {
  return [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src="([^"]+)"/g)].map((match) => match[1] ?? match[2] ?? '');
}
