// protocol-lab: run scenarios headless and print Mermaid, Markdown or the JSON trace.
//   exit 0: every expect mark held; 1: one failed (named on stderr); 2: invalid input.
import { writeFileSync } from 'node:fs';
import { compareStates } from '../diagram/comparison';
import { frontMatter, noteBlocks, runToMarkdown } from '../diagram/note';
import { DETAIL_LEVELS, isOneOf, STATE_PLACEMENTS, type DetailLevel, type StatePlacement } from '../engine/model';
import type { Language } from '../engine/text';
import { builtinScenario, builtinScenarios } from '../scenario/builtins';
import { parseScenario } from '../scenario/parse';
import { runScenario, type ScenarioRun } from '../scenario/run';
import { formatPath, type Scenario } from '../scenario/scenario';
import { writeJson } from './jsonOutput';
import { writeMermaid } from './mermaidOutput';
import { parseCommandLine, UsageError, type CommandLine } from './options';
import { proxyCommand, proxyPlan } from './proxyCommand';
import { formatOf, readBounded, UnreadableInput, utf8Text } from './readInput';

const USAGE = `Usage:
  protocol-lab run <file|builtin:ID> [--format mermaid|markdown|json] [--lang en|ko] [--seed N]
                   [--part N] [--out FILE.mmd] [--front-matter] [--detail hop|request|story]
                   [--real [--redis redis://HOST:PORT]]
  protocol-lab compare <file|builtin:ID> [--states server,client,store,token] [--lang en|ko] [--seed N] [--front-matter]
  protocol-lab list [--lang en|ko]
  protocol-lab proxy --to URL[,URL…] [--listen HOST:PORT] [--policy round-robin|random|sticky|least-connections]
                     [--format mermaid|markdown|json] [--out FILE] [--lang en|ko]

--format mermaid (the default) prints one diagram, as a .mmd file holds it. A run drawn in several
parts (a long run, the summary story's architectures) needs --part N to print part N, or
--out FILE.mmd to write every part to FILE-1.mmd, FILE-2.mmd, … (one part: FILE.mmd), printing the names.
proxy stands in front of your app's servers (--to http://127.0.0.1:3000,http://127.0.0.1:3001, or
name=URL) on 127.0.0.1:8080 unless --listen says otherwise, and draws every exchange; Ctrl+C writes
the diagram to --out or stdout and exits 0. --format json streams the trace, one event per line.
--detail says how much the diagram draws: hop (every hop: client → relay → server; the default
unless the file says detail:), request (the relay folded into a note on each request's arrow), story
(a TCP handshake or a login also drawn as one line).
--front-matter starts Markdown (--format markdown, compare) with the note front matter the extension writes.
A file is read as JSON or YAML by its name; /dev/stdin or a pipe by its text ({ or [ first: JSON).
--real plays the story over real sockets on this machine: each server a real HTTP server on a
loopback port, the relay the real reverse proxy, the client a real HTTP client with a cookie jar,
state: store in a real Redis (--redis URL, or a redis-server the lab starts and stops itself); a TCP
story on real TCP sockets (a crash leaves its connections to a real RST); drop: next loses the next
request at the relay (or the only server), and its client gives up after 3 s.
Exit status: 0 when every expect mark held, 1 when one failed, 2 for invalid input or anything else
that went wrong (one line on stderr).`;

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** A file's bytes, read with a bound (tests pass their own). */
  readonly readFile: (path: string) => Uint8Array;
  readonly writeFile: (path: string, text: string) => void;
  /** The time a note's front matter says it was made (tests pass a fixed one). */
  readonly now?: () => Date;
  /** Resolves when the person stops a long-running command (the proxy): SIGINT or SIGTERM in the bin. */
  readonly untilStopped?: () => Promise<void>;
}

/** Input that is not a scenario (or cannot be read): said in one line, without the usage. */
class InputError extends Error {}

function firstLine(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
}

function loadScenario(source: string, io: Io): Scenario {
  if (source.startsWith('builtin:')) {
    const builtin = builtinScenario(source.slice('builtin:'.length));
    if (builtin === undefined) throw new UsageError(`no built-in scenario "${source.slice(8)}" (see: protocol-lab list)`);
    return builtin.scenario;
  }
  let text: string;
  try {
    text = utf8Text(io.readFile(source));
  } catch (error) {
    throw new InputError(error instanceof UnreadableInput ? `${source}: ${error.message}` : `cannot read ${source}: ${firstLine(error)}`);
  }
  const parsed = parseScenario(text, formatOf(source, text));
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

type Values = CommandLine['values'];

function seedOf(values: Values): { seed?: number } {
  const seedText = values.seed;
  if (seedText === undefined) return {};
  const seed = /^\d+$/.test(seedText.trim()) ? Number(seedText) : Number.NaN;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${seedText}"`);
  return { seed };
}

function sourceOf(positionals: readonly string[], command: string): string {
  const source = positionals[0];
  if (source === undefined) throw new UsageError(`${command} needs a scenario file or builtin:ID`);
  return source;
}

/** `--detail`: a level for the diagram, which JSON does not draw. */
function detailOf(values: Values): { detail?: DetailLevel } {
  const detail = values.detail;
  if (detail === undefined) return {};
  if (!isOneOf(DETAIL_LEVELS, detail)) throw new UsageError(`--detail must be ${DETAIL_LEVELS.join(', ')}, got "${detail}"`);
  if (values.format === 'json') throw new UsageError('--detail says how much a diagram draws: it needs --format mermaid or markdown (not json)');
  return { detail };
}

function createdAt(io: Io): Date {
  return (io.now ?? (() => new Date()))();
}

/** `--redis`: a redis:// (or rediss://) URL, and only with --real. */
function redisOf(values: Values): { redisUrl?: string } {
  const url = values.redis;
  if (url === undefined) return {};
  if (values.real === undefined) throw new UsageError('--redis is where real mode keeps its sessions: it needs --real');
  if (!/^rediss?:\/\/[^\s/]+/.test(url)) throw new UsageError(`--redis takes a Redis URL such as redis://127.0.0.1:6379, got "${url}"`);
  return { redisUrl: url };
}

function run(positionals: readonly string[], values: Values, io: Io): number | Promise<number> {
  const source = sourceOf(positionals, 'run');
  const seed = seedOf(values);
  // Every argument is checked before a run starts (a real one starts servers).
  language(values.lang);
  const format = values.format ?? 'mermaid';
  if (!['mermaid', 'markdown', 'json'].includes(format)) throw new UsageError(`--format must be mermaid, markdown or json, got "${format}"`);
  if (values['front-matter'] !== undefined && format !== 'markdown') throw new UsageError(`--front-matter starts a Markdown note: it needs --format markdown (not ${format})`);
  if ((values.part !== undefined || values.out !== undefined) && format !== 'mermaid') throw new UsageError(`--${values.part !== undefined ? 'part' : 'out'} picks Mermaid diagrams: it needs --format mermaid (not ${format})`);
  const redis = redisOf(values);
  detailOf(values);
  const scenario = loadScenario(source, io);
  if (values.real !== undefined) {
    // Loaded only for a real run: the Redis client and the cookie jar stay out of every other command's start.
    return import('../real/runReal').then(({ runScenarioReal }) => runScenarioReal(scenario, { ...seed, ...redis })).then((result) => report(result, source, values, io));
  }
  return report(runScenario(scenario, seed), source, values, io);
}

/** Prints a run in the chosen format; exit 1 when an expect mark failed. */
function report(result: ScenarioRun, source: string, values: Values, io: Io): number {
  const lang = language(values.lang);
  const format = values.format ?? 'mermaid';
  if (format === 'mermaid') {
    // The blocks a note holds, in order (the summary story's are its architectures' diagrams): one per file.
    writeMermaid(noteBlocks(result, lang, detailOf(values).detail ?? result.scenario.detail), source, { part: values.part, out: values.out }, io);
  } else if (format === 'markdown') {
    io.out(runToMarkdown(result, { language: lang, frontMatter: values['front-matter'] === 'true', created: createdAt(io), ...detailOf(values) }));
  } else {
    writeJson(result, io);
  }
  const failed = result.expectations.filter((expectation) => !expectation.held);
  for (const expectation of failed) {
    io.err(`expectation failed: steps[${expectation.step}] (${expectation.outcome.request}) expected ${expectation.expected}, got ${expectation.actual}${expectation.outcome.reason === undefined ? '' : ` (${expectation.outcome.reason})`}`);
  }
  return failed.length > 0 ? 1 : 0;
}

/** `--states`: known places, each once (two equal columns would compare nothing). */
function statesOf(values: Values): StatePlacement[] {
  const states = (values.states ?? STATE_PLACEMENTS.join(',')).split(',').map((state) => state.trim());
  const unknown = states.filter((state) => !(STATE_PLACEMENTS as readonly string[]).includes(state));
  if (unknown.length > 0) throw new UsageError(`--states takes a comma-separated list of ${STATE_PLACEMENTS.join(', ')}; "${unknown.join(', ')}" is not one`);
  const twice = states.find((state, index) => states.indexOf(state) !== index);
  if (twice !== undefined) throw new UsageError(`--states names "${twice}" twice; each place is one column`);
  return states as StatePlacement[];
}

function compare(positionals: readonly string[], values: Values, io: Io): number {
  const source = sourceOf(positionals, 'compare');
  if (values.format !== undefined && values.format !== 'markdown') throw new UsageError(`compare writes Markdown (a table and the diagrams): --format must be markdown, got "${values.format}"`);
  const states = statesOf(values);
  const seed = seedOf(values);
  const lang = language(values.lang);
  const loaded = loadScenario(source, io);
  if (loaded.protocol === 'tcp' && states.some((state) => state !== 'server')) throw new UsageError('protocol "tcp" keeps its state in the connection: it can only run with state server');
  const scenario = seed.seed === undefined ? loaded : { ...loaded, seed: seed.seed };
  const comparison = compareStates(scenario, states, lang);
  const [first] = comparison.runs;
  const head = values['front-matter'] === 'true' && first !== undefined ? `${frontMatter(first, lang, createdAt(io))}\n\n` : '';
  io.out(`${head}${comparison.markdown}`);
  return 0;
}

function list(values: Values, io: Io): number {
  const lang = language(values.lang);
  for (const builtin of builtinScenarios()) io.out(`builtin:${builtin.id.padEnd(28)} story ${String(builtin.story).padStart(2)}  ${builtin.scenario.title[lang]}\n`);
  return 0;
}

function dispatch(argv: readonly string[], io: Io): number | Promise<number> {
  const { command, positionals, values, help } = parseCommandLine(argv);
  if (help || command === undefined || command === 'help') {
    io.out(`${USAGE}\n`);
    return command === undefined && !help ? 2 : 0;
  }
  switch (command) {
    case 'run':
      return run(positionals, values, io);
    case 'compare':
      return compare(positionals, values, io);
    case 'list':
      return list(values, io);
    case 'proxy':
      return proxyCommand(proxyPlan(values), language(values.lang), { ...io, untilStopped: io.untilStopped ?? (() => new Promise(() => undefined)) });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function failed(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.err(`protocol-lab: ${firstLine(error)} (protocol-lab --help shows the usage)`);
    return 2;
  }
  // Exit 1 means an expectation failed; anything else that goes wrong is said in one line, exit 2.
  io.err(`protocol-lab: ${error instanceof Error ? firstLine(error) || error.name : String(error)}`);
  return 2;
}

/** The exit status; later (a promise) for a run over real sockets. */
export function main(argv: readonly string[], io: Io): number | Promise<number> {
  try {
    const status = dispatch(argv, io);
    return typeof status === 'number' ? status : status.catch((error: unknown) => failed(error, io));
  } catch (error) {
    return failed(error, io);
  }
}

/** Resolves on the first Ctrl+C (or SIGTERM); a second one ends the process at once. */
function untilSignal(): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = (): void => {
      process.once('SIGINT', () => process.exit(130));
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (require.main === module) {
  // `protocol-lab list | head`: a closed pipe is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const status = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(`${text}\n`),
    readFile: readBounded,
    writeFile: (path, text) => { writeFileSync(path, text); },
    untilStopped: untilSignal,
  });
  if (typeof status === 'number') process.exitCode = status;
  else void status.then((code) => { process.exitCode = code; });
}
