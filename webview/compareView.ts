// The Compare Architectures page: says ready, draws the comparison it is sent, and asks the host
// to put its Markdown into a note.
import * as l10n from '@vscode/l10n';
import { parseHostToCompare, type CompareToHostMessage } from '../src/protocol/compareMessages';
import { iconButton } from './actionControls';
import { CompareColumns } from './compareColumns';
import { DiagramRenderer } from './diagramRenderer';
import { loadTranslations } from './l10n';
import { connectToHost } from './vscodeApi';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The comparison page has no #${id}`);
  return found;
}

/** Sets up the comparison page and says ready. */
export function startCompare(): void {
  loadTranslations();
  const host = connectToHost<CompareToHostMessage>();
  const status = element('compare-status');
  const renderer = new DiagramRenderer();
  const columns = new CompareColumns(element('compare'), renderer, (error) => { host.postMessage({ type: 'rendered', error: error.slice(0, 4000) }); });
  const insert = iconButton('note', l10n.t('Insert into note'), l10n.t('Insert the comparison (table and diagrams) into a Markdown note'), () => {
    host.postMessage({ type: 'insertIntoNote' });
  });
  const goTo = iconButton('debug-step-into', l10n.t('Where they part'), l10n.t('Scroll to the first request where the architectures part'), () => { columns.goToParting(); });
  const fit = iconButton('screen-normal', l10n.t('Fit width'), l10n.t('Fit every column into the width (smaller text); again for the drawn size'), () => {
    fit.setAttribute('aria-pressed', String(columns.toggleFit()));
  });
  fit.setAttribute('aria-pressed', 'false');
  const said = document.createElement('span');
  said.className = 'act-status';
  said.setAttribute('role', 'status');
  element('compare-actions').append(goTo, fit, insert, said);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseHostToCompare(event.data);
    if (!parsed.ok) {
      console.warn(`[protocol-lab] ignored a message from the host: ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'inserted') {
      said.textContent = message.text;
      said.classList.toggle('error', !message.ok);
      return;
    }
    element('compare-title').textContent = message.title;
    document.title = message.title;
    goTo.disabled = message.partsAt === 0;
    status.remove();
    void columns.show(message);
  });

  // VS Code switches themes by changing the body's classes.
  new MutationObserver(() => { if (renderer.themeChanged()) void columns.redraw(); }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  host.postMessage({ type: 'ready' });
}
