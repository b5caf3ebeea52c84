import mermaid from 'mermaid';
import { installChecks } from './mermaidCheck';

installChecks(mermaid, '12');
