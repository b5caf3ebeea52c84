// protocol-lab: run scenarios headless and print Mermaid, Markdown or the JSON trace.
//   exit 0: every expect mark held; 1: one failed (named on stderr); 2: invalid input.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compareStates } from '../diagram/comparison';
import { frontMatter, noteBlocks, runToMarkdown } from '../diagram/note';
import { STATE_PLACEMENTS, type StatePlacement } from '../engine/model';
import type { Language } from '../engine/text';
import { builtinScenario, builtinScenarios } from '../scenario/builtins';
import { formatOfFile, parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import { argumentsErrorWords, isArgumentsError } from './argumentWords';
import { formatPath, type Scenario } from '../scenario/scenario';

const USAGE = `Usage:
  protocol-lab run <file|builtin:ID> [--format mermaid|markdown|json] [--lang en|ko] [--seed N] [--front-matter]
  protocol-lab compare <file|builtin:ID> [--states server,client,store,token] [--lang en|ko] [--front-matter]
  protocol-lab list [--lang en|ko]

--front-matter starts Markdown with the note front matter the extension writes (tags, aliases, created).
Exit status: 0 when every expect mark held, 1 when one failed, 2 for invalid input or anything else
that went wrong (one line on stderr).`;

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** The time a note's front matter says it was made (tests pass a fixed one). */
  readonly now?: () => Date;
}

class UsageError extends Error {}
/** Input that is not a scenario (or cannot be read): said in one line, without the usage. */
class InputError extends Error {}

function loadScenario(source: string, io: Io): Scenario {
  if (source.startsWith('builtin:')) {
    const builtin = builtinScenario(source.slice('builtin:'.length));
    if (builtin === undefined) throw new UsageError(`no built-in scenario "${source.slice(8)}" (see: protocol-lab list)`);
    return builtin.scenario;
  }
  let text: string;
  try {
    text = io.readFile(source);
  } catch (error) {
    throw new InputError(`cannot read ${source}: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`);
  }
  const parsed = parseScenario(text, formatOfFile(source));
  if (!parsed.ok) {
    // One line: the first problem, where it is, and how many more there are.
    const [first] = parsed.issues;
    const more = parsed.total - 1;
    const rest = more === 0 ? '' : ` (and ${more} more problem${more === 1 ? '' : 's'})`;
    throw new InputError(`${source}: ${first !== undefined && first.path.length > 0 ? `${formatPath(first.path)}: ` : ''}${first?.message ?? 'not a scenario'}${rest}`);
  }
  return parsed.scenario;
}

function language(value: string | undefined): Language {
  if (value === undefined || value === 'en' || value === 'ko') return value ?? 'en';
  throw new UsageError(`--lang must be en or ko, got "${value}"`);
}

function run(positionals: readonly string[], values: Record<string, string | undefined>, io: Io): number {
  const source = positionals[0];
  if (source === undefined) throw new UsageError('run needs a scenario file or builtin:ID');
  const seedText = values['seed'];
  const seed = seedText === undefined ? undefined : /^\d+$/.test(seedText.trim()) ? Number(seedText) : Number.NaN;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${seedText ?? ''}"`);
  const lang = language(values['lang']);
  const result = runScenario(loadScenario(source, io), seed === undefined ? {} : { seed });
  const format = values['format'] ?? 'mermaid';
  if (format === 'mermaid') {
    // The blocks a note holds, in order (the summary story's are its architectures' diagrams).
    io.out(`${noteBlocks(result, lang).join('\n\n')}\n`);
  } else if (format === 'markdown') {
    io.out(runToMarkdown(result, { language: lang, frontMatter: values['front-matter'] === 'true', created: (io.now ?? (() => new Date()))() }));
  } else if (format === 'json') {
    writeJson(result, io);
  } else {
    throw new UsageError(`--format must be mermaid, markdown or json, got "${format}"`);
  }
  const failed = result.expectations.filter((expectation) => !expectation.held);
  for (const expectation of failed) {
    io.err(`expectation failed: steps[${expectation.step}] (${expectation.outcome.request}) expected ${expectation.expected}, got ${expectation.actual}${expectation.outcome.reason === undefined ? '' : ` (${expectation.outcome.reason})`}`);
  }
  return failed.length > 0 ? 1 : 0;
}

/** The run as one JSON document, written in pieces: a long run's trace does not fit in one string. */
function writeJson(result: ReturnType<typeof runScenario>, io: Io): void {
  const { scenario, topology, participants, trace, metrics, expectations } = result;
  const head = JSON.stringify({ title: scenario.title, topology, participants, metrics, expectations: expectations.map(({ step, expected, actual, held }) => ({ step, expected, actual, held })) }, null, 2);
  io.out(`${head.slice(0, -2)},\n  "trace": [`);
  const BATCH = 1000;
  for (let index = 0; index < trace.length; index += BATCH) {
    io.out(`${index === 0 ? '' : ','}\n    ${trace.slice(index, index + BATCH).map((event) => JSON.stringify(event)).join(',\n    ')}`);
  }
  io.out(`${trace.length === 0 ? '' : '\n  '}]\n}\n`);
}

function compare(positionals: readonly string[], values: Record<string, string | undefined>, io: Io): number {
  const source = positionals[0];
  if (source === undefined) throw new UsageError('compare needs a scenario file or builtin:ID');
  const states = (values['states'] ?? STATE_PLACEMENTS.join(',')).split(',').map((state) => state.trim());
  const unknown = states.filter((state) => !(STATE_PLACEMENTS as readonly string[]).includes(state));
  if (unknown.length > 0 || states.length === 0) throw new UsageError(`--states takes a comma-separated list of ${STATE_PLACEMENTS.join(', ')}; "${unknown.join(', ')}" is not one`);
  const scenario = loadScenario(source, io);
  if (scenario.protocol === 'tcp' && states.some((state) => state !== 'server')) throw new UsageError('protocol "tcp" keeps its state in the connection: it can only run with state server');
  const lang = language(values['lang']);
  const comparison = compareStates(scenario, states as StatePlacement[], lang);
  const [first] = comparison.runs;
  const head = values['front-matter'] === 'true' && first !== undefined ? `${frontMatter(first, lang, (io.now ?? (() => new Date()))())}\n\n` : '';
  io.out(`${head}${comparison.markdown}`);
  return 0;
}

function list(values: Record<string, string | undefined>, io: Io): number {
  const lang = language(values['lang']);
  for (const builtin of builtinScenarios()) io.out(`builtin:${builtin.id.padEnd(28)} story ${String(builtin.story).padStart(2)}  ${builtin.scenario.title[lang]}\n`);
  return 0;
}

export function main(argv: readonly string[], io: Io): number {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { format: { type: 'string' }, lang: { type: 'string' }, seed: { type: 'string' }, states: { type: 'string' }, 'front-matter': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    const [command, ...rest] = positionals;
    const strings: Record<string, string | undefined> = { format: values.format, lang: values.lang, seed: values.seed, states: values.states, 'front-matter': values['front-matter'] === true ? 'true' : undefined };
    if (values.help === true || command === undefined || command === 'help') {
      io.out(`${USAGE}\n`);
      return command === undefined && values.help !== true ? 2 : 0;
    }
    switch (command) {
      case 'run':
        return run(rest, strings, io);
      case 'compare':
        return compare(rest, strings, io);
      case 'list':
        return list(strings, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isArgumentsError(error)) {
      const words = error instanceof UsageError ? error.message.split('\n')[0] ?? '' : argumentsErrorWords(error);
      io.err(`protocol-lab: ${words} (protocol-lab --help shows the usage)`);
      return 2;
    }
    // Exit 1 means an expectation failed; anything else that goes wrong is said in one line, exit 2.
    io.err(`protocol-lab: ${error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error)}`);
    return 2;
  }
}

if (require.main === module) {
  // `protocol-lab list | head`: a closed pipe is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(`${text}\n`),
    readFile: (path) => readFileSync(path, 'utf8'),
  });
}
