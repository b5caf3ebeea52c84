// Copy Mermaid / Export SVG / Insert into note: buttons that run the extension's commands on this run.
import * as l10n from '@vscode/l10n';
import type { PanelCommand } from '../src/protocol/messages';

export function diagramActions(root: HTMLElement, run: (command: PanelCommand) => void): void {
  const buttons: readonly (readonly [PanelCommand, string, string])[] = [
    ['copyMermaid', l10n.t('Copy Mermaid'), l10n.t('Copy the diagram as Mermaid text')],
    ['exportSvg', l10n.t('Export SVG'), l10n.t('Save the drawn diagram as an SVG file')],
    ['insertIntoNote', l10n.t('Insert into note'), l10n.t('Insert the diagram into a Markdown note')],
  ];
  for (const [command, label, description] of buttons) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.title = description;
    button.setAttribute('aria-label', description);
    button.addEventListener('click', () => { run(command); });
    root.append(button);
  }
}
