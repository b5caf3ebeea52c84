// Copy Mermaid / Copy as Image / Export SVG / Export PNG / Insert into note / Real sockets: buttons that run the
// extension's commands on this run. Copy as Image runs here: only the page can put an image on the clipboard.
import * as l10n from '@vscode/l10n';
import type { PanelCommand } from '../src/protocol/messages';

export function diagramActions(root: HTMLElement, run: (command: PanelCommand) => void, copyImage: () => void): void {
  const buttons: readonly (readonly [PanelCommand | 'copyImage', string, string])[] = [
    ['copyMermaid', l10n.t('Copy Mermaid'), l10n.t('Copy the diagram as Mermaid text')],
    ['copyImage', l10n.t('Copy as Image'), l10n.t('Copy the drawn diagram as a PNG image')],
    ['exportSvg', l10n.t('Export SVG'), l10n.t('Save the drawn diagram as an SVG file')],
    ['exportPng', l10n.t('Export PNG'), l10n.t('Save the drawn diagram as a PNG image (twice its size)')],
    ['insertIntoNote', l10n.t('Insert into note'), l10n.t('Insert the diagram into a Markdown note')],
    ['runOverRealSockets', l10n.t('Real sockets'), l10n.t('Run this story again over real sockets: real HTTP servers on loopback, the real proxy, a real Redis')],
  ];
  for (const [command, label, description] of buttons) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.title = description;
    button.setAttribute('aria-label', description);
    button.addEventListener('click', () => { if (command === 'copyImage') copyImage(); else run(command); });
    root.append(button);
  }
}
