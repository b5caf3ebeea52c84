// The floor under the lab's cold open: a page with nothing but the lab's Mermaid (built as the lab
// builds it, configured as the lab configures it) drawing the diagram its HTML carries, at load.
import mermaid from 'mermaid';
import { NOTE_LOOK } from '../../../src/diagram/mermaidLook';

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', ...NOTE_LOOK, suppressErrorRendering: true });
const text = document.getElementById('diagram-text')?.textContent ?? '';
void mermaid.render('floor', text).then(({ svg }) => {
  const holder = document.getElementById('diagram');
  if (holder !== null) holder.innerHTML = svg;
});
