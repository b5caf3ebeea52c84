// One bundle for both pages (Mermaid once, not twice in the VSIX): the page's HTML says which it is.
// Imported statically, not by import(): esbuild wraps a dynamically imported module, and everything
// it imports, in lazy initialisers that keep every module of d3 and of Mermaid's shared chunks alive;
// imported statically, the bundle keeps only what the pages use (the panel opens faster).
import { startCompare } from './compareView';
import { startLab } from './main';

if (document.getElementById('compare') !== null) startCompare();
else startLab();
