// The lab page: says ready, draws what the host sends, reports back.
import { parseHostToWebview, type HostToWebviewMessage, type ShowDiagramMessage } from '../src/protocol/messages';
import { DiagramRenderer } from './diagramRenderer';
import { connectToHost } from './vscodeApi';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The lab page has no #${id}`);
  return found;
}

const host = connectToHost();
const status = element('status');
const title = element('diagram-title');
const renderer = new DiagramRenderer(element('diagram'));

async function showDiagram(message: ShowDiagramMessage): Promise<void> {
  title.textContent = message.title;
  status.textContent = 'Rendering…';
  status.classList.remove('error');
  const outcome = await renderer.render(message.mermaid);
  if (outcome.kind === 'rendered') {
    status.textContent = '';
    host.postMessage({ type: 'rendered', svgLength: outcome.svgLength, elapsedMs: outcome.elapsedMs });
  } else if (outcome.kind === 'failed') {
    status.textContent = `The diagram could not be drawn: ${outcome.error}`;
    status.classList.add('error');
    host.postMessage({ type: 'renderFailed', error: outcome.error });
  }
}

/** One handler per message type; the map's type makes a missing handler a compile error. */
const handlers: { [K in HostToWebviewMessage['type']]: (message: Extract<HostToWebviewMessage, { type: K }>) => Promise<void> } = {
  showDiagram,
};

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseHostToWebview(event.data);
  if (!parsed.ok) {
    console.warn(`[protocol-lab] ignored a message from the host: ${parsed.error}`);
    return;
  }
  handlers[parsed.message.type](parsed.message).catch((error: unknown) => {
    console.error('[protocol-lab] failed to handle a message', error);
  });
});

host.postMessage({ type: 'ready' });
