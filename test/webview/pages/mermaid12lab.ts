// Mermaid 12 as the lab's bundle builds it (esbuild.js's copyMermaidConfigOnce): checked against
// the unchanged Mermaid 12 page for the same pictures.
import mermaid from 'mermaid';
import { installChecks } from './mermaidCheck';

installChecks(mermaid, '12 (lab build)');
