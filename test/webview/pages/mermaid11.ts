import mermaid from 'mermaid11';
import { installChecks } from './mermaidCheck';

// 11.4.1 is the Mermaid that Obsidian bundles: what a note shows.
installChecks(mermaid, '11.4.1');
