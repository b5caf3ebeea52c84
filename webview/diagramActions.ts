// Copy Mermaid / Export SVG / Insert into note: buttons that run the extension's commands on this run.
import type { PanelCommand } from '../src/protocol/messages';

const BUTTONS: readonly (readonly [PanelCommand, string, string])[] = [
  ['copyMermaid', 'Copy Mermaid', 'Copy the diagram as Mermaid text'],
  ['exportSvg', 'Export SVG', 'Save the drawn diagram as an SVG file'],
  ['insertIntoNote', 'Insert into note', 'Insert the diagram into a Markdown note'],
];

export function diagramActions(root: HTMLElement, run: (command: PanelCommand) => void): void {
  for (const [command, label, description] of BUTTONS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.title = description;
    button.setAttribute('aria-label', description);
    button.addEventListener('click', () => { run(command); });
    root.append(button);
  }
}
