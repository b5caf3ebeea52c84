import mermaid from 'mermaid10';
import { installChecks } from './mermaidCheck';

installChecks(mermaid, '10');
