// `npm run gallery`: every built-in story's note blocks, in English and Korean, rendered by the
// Mermaid that Obsidian bundles (11.4.1) into out/gallery/*.png to be looked at, with their sizes,
// and parsed by Mermaid 10 and 12; the scenario files in test/fixtures too (a person's edge cases). Run it before accepting a changed golden diagram.
//   --detail hop,request,story   the detail levels to draw (default: all; hop's files keep their old names)
//   --pictures 10,11,12          also picture the blocks in these Mermaid versions (default: 11)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DETAIL_LEVELS, isOneOf, type DetailLevel } from '../../src/engine/model';
import { noteBlocks } from '../../src/diagram/note';
import { builtinScenarios } from '../../src/scenario/builtins';
import { parseScenario } from '../../src/scenario/parse';
import type { Scenario } from '../../src/scenario/scenario';
import { runScenario } from '../../src/scenario/run';
import { launchChromium } from '../support/chromium';
import { REPO_ROOT } from '../support/paths';
import { mermaidPage, parseAll, renderShown } from './mermaidPages';

const MAX_WIDTH = 1100;
const MAX_HEIGHT = 2500;

const VERSIONS = ['10', '11', '12'] as const;

function choices(): { levels: DetailLevel[]; pictured: Set<string> } {
  const { values } = parseArgs({ options: { detail: { type: 'string' }, pictures: { type: 'string' } } });
  const levels = (values.detail ?? DETAIL_LEVELS.join(',')).split(',').filter((level) => isOneOf(DETAIL_LEVELS, level));
  const pictured = new Set((values.pictures ?? '11').split(',').filter((version) => (VERSIONS as readonly string[]).includes(version)));
  return { levels, pictured };
}

/** The built-in stories, then the scenario files in test/fixtures (named fixture-<file>). */
function stories(): { id: string; scenario: Scenario }[] {
  const fixtures = join(REPO_ROOT, 'test', 'fixtures');
  const files = readdirSync(fixtures).filter((name) => name.endsWith('.protocol-lab.yaml')).map((name) => {
    const parsed = parseScenario(readFileSync(join(fixtures, name), 'utf8'), 'yaml');
    if (!parsed.ok) throw new Error(`test/fixtures/${name} is not a valid scenario`);
    return { id: `fixture-${name.replace('.protocol-lab.yaml', '')}`, scenario: parsed.scenario };
  });
  return [...builtinScenarios(), ...files];
}

async function main(): Promise<void> {
  const { levels, pictured } = choices();
  const out = join(REPO_ROOT, 'out', 'gallery');
  // Pictures of parts a story no longer has must not stay behind to be looked at.
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const browser = await launchChromium();
  try {
    const [page11, page10, page12] = await Promise.all([mermaidPage(browser, '11'), mermaidPage(browser, '10'), mermaidPage(browser, '12')]);
    const pages = { '10': page10, '11': page11, '12': page12 };
    let worst = 0;
    const index: string[] = [];
    for (const builtin of stories()) {
      for (const language of ['en', 'ko'] as const) for (const level of levels) {
        const blocks = noteBlocks(runScenario(builtin.scenario), language, level);
        for (const [number, block] of blocks.entries()) {
          const name = `${builtin.id}.${language}${level === 'hop' ? '' : `.${level}`}.${number + 1}`;
          let size = { width: 0, height: 0 };
          for (const version of VERSIONS) {
            if (version !== '11' && !pictured.has(version)) continue;
            const page = pages[version];
            const drawn = await renderShown(page, block);
            if (version === '11') size = drawn;
            await page.evaluate(() => {
              const svg = document.querySelector('#shown svg');
              const box = svg?.getAttribute('viewBox')?.split(/\s+/) ?? [];
              if (svg instanceof SVGElement) svg.style.width = `${box[2] ?? 0}px`;
            });
            await page.locator('#shown').screenshot({ path: join(out, `${name}${version === '11' ? '' : `.mermaid${version}`}.png`) });
          }
          const failures = [...await parseAll(page10, [block]), ...await parseAll(page12, [block])];
          const fits = size.width <= MAX_WIDTH && size.height <= MAX_HEIGHT;
          if (!fits || failures.length > 0) worst++;
          writeFileSync(join(out, `${name}.mmd`), block);
          index.push(`${fits ? 'ok  ' : 'BIG '} ${String(size.width).padStart(5)} × ${String(size.height).padStart(5)}  ${name}${failures.length > 0 ? `  PARSE: ${failures.map((failure) => failure.error.split('\n')[0]).join('; ')}` : ''}`);
        }
      }
    }
    console.log(index.join('\n'));
    console.log(`${index.length} blocks in ${out}; ${worst} too big or not parsed`);
    process.exitCode = worst > 0 ? 1 : 0;
  } finally {
    await browser.close();
  }
}

void main();
