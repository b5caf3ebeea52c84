// The worst mixes of problems found so far, as scenario file texts: each must be checked in linear
// time (the validation benchmark times them; the unit tests check smaller ones give their problems).
import type { ScenarioFormat } from '../src/scenario/parse';

export interface HostileFile {
  readonly name: string;
  readonly format: ScenarioFormat;
  readonly text: string;
}

const HEAD_YAML = 'version: 1\ntitle: Bench\nprotocol: shop\n';

function json(document: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, title: 'Bench', protocol: 'shop', ...document });
}

const names = (count: number): string[] => Array.from({ length: count }, (_unused, index) => `Name${index}`);

export function hostileFiles(steps = 20_000): HostileFile[] {
  const typo = { from: 'Client', send: 'price', item: 'laptop', colour: 'red' };
  const mixed = (index: number): unknown => [typo, { from: 'Client', send: 'order', quantity: '2' }, { crash: 7 }, 42, { frm: 'Client' }][index % 5];
  const keys = Array.from({ length: 40_000 }, (_unused, index) => `  k${index}: ${index}\n`).join('');
  return [
    { name: `${steps} steps, an unknown key in each`, format: 'yaml', text: `${HEAD_YAML}steps:\n${'  - { from: Client, send: price, item: laptop, colour: red }\n'.repeat(steps)}` },
    { name: `${steps} steps, an unknown key in each`, format: 'json', text: json({ steps: Array.from({ length: steps }, () => typo) }) },
    { name: `${steps} steps, five kinds of problem`, format: 'json', text: json({ steps: Array.from({ length: steps }, (_unused, index) => mixed(index)) }) },
    { name: `${steps} crashes of no such server`, format: 'yaml', text: `${HEAD_YAML}servers: [${names(100).join(', ')}]\nrelay: round-robin\nsteps:\n${'  - { crash: Nobody }\n'.repeat(steps)}` },
    { name: `${steps} anchors, an alias of each`, format: 'yaml', text: `${HEAD_YAML}steps:\n${Array.from({ length: steps / 2 }, (_unused, index) => `  - &a${index} { wait: 1 }\n  - *a${index}\n`).join('')}` },
    { name: '100,000 client names', format: 'json', text: json({ clients: names(100_000), steps: [{ wait: 1 }] }) },
    { name: '100,000 server names', format: 'json', text: json({ servers: names(100_000), relay: 'round-robin', steps: [{ wait: 1 }] }) },
    { name: '100,000 equal client names', format: 'yaml', text: `${HEAD_YAML}clients:\n${'  - A\n'.repeat(100_000)}steps:\n  - { wait: 1 }\n` },
    { name: '40,000 keys in one map', format: 'yaml', text: `${HEAD_YAML}steps:\n  - { wait: 1 }\nextra:\n${keys}` },
    { name: '40,000 keys, every one twice', format: 'json', text: `{"version":1,"title":"Bench","protocol":"shop","steps":[{"wait":1}],${Array.from({ length: 40_000 }, (_unused, index) => `"k${index % 20_000}":1`).join(',')}}` },
    { name: '2 MB of "["', format: 'yaml', text: '['.repeat(2 * 1024 * 1024 - 1) },
    { name: '2 MB of "- "', format: 'yaml', text: '- '.repeat(1024 * 1024 - 1) },
    { name: '500,000 nested flow maps', format: 'yaml', text: '{a: '.repeat(500_000) },
    { name: '1,900 nested block maps', format: 'yaml', text: Array.from({ length: 1900 }, (_unused, depth) => `${' '.repeat(depth)}a:\n`).join('') },
    { name: '2 MB of "["', format: 'json', text: '['.repeat(2 * 1024 * 1024 - 1) },
  ];
}
