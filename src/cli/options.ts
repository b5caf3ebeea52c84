// The command line's words: which options each command takes, each given at most once, and
// node's parseArgs messages said plainly. An option that would do nothing is refused.
import { parseArgs } from 'node:util';

/** A mistake in the arguments: exit 2 with one line and a pointer to --help. */
export class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string' }, lang: { type: 'string' }, seed: { type: 'string' }, states: { type: 'string' },
  part: { type: 'string' }, out: { type: 'string' }, listen: { type: 'string' }, to: { type: 'string' }, policy: { type: 'string' }, 'front-matter': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  real: { type: 'boolean' }, redis: { type: 'string' }, detail: { type: 'string' },
} as const;

export type OptionName = Exclude<keyof typeof OPTIONS, 'help'>;

/** What each command reads; anything else given to it is refused. */
const TAKES: Readonly<Record<string, readonly OptionName[]>> = {
  run: ['format', 'lang', 'seed', 'front-matter', 'part', 'out', 'real', 'redis', 'detail'],
  compare: ['format', 'lang', 'seed', 'states', 'front-matter'],
  list: ['lang'],
  proxy: ['listen', 'to', 'policy', 'format', 'out', 'lang'],
};

export interface CommandLine {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly values: Readonly<Partial<Record<OptionName, string>>>;
  readonly help: boolean;
}

/** parseArgs's messages (written for programmers, over several lines) as one plain line. */
function plainWords(error: Error & { code?: unknown }): string {
  const message = error.message;
  const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? 'the option';
  if (/argument is ambiguous/.test(message)) return `${option} needs a value (one that starts with "-" is written ${option}=VALUE)`;
  if (/argument missing/.test(message)) return `${option} needs a value`;
  if (/does not take an argument/.test(message)) return `${option} takes no value`;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `there is no option ${option}`;
  return message.split('\n')[0] ?? message;
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(plainWords(error));
    throw error;
  }
  const [command, ...positionals] = parsed.positionals;
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice`);
    seen.add(token.name);
  }
  const { help, 'front-matter': frontMatter, real, ...strings } = parsed.values;
  const values: Partial<Record<OptionName, string>> = { ...strings, ...(frontMatter === true ? { 'front-matter': 'true' } : {}), ...(real === true ? { real: 'true' } : {}) };
  const takes = command === undefined ? undefined : TAKES[command];
  if (takes !== undefined && help !== true) {
    const extra = (Object.keys(values) as OptionName[]).find((name) => !takes.includes(name));
    if (extra !== undefined) throw new UsageError(`${command ?? ''} does not take --${extra}${extra === 'states' ? ' (compare does)' : ''}`);
    const wanted = command === 'list' || command === 'proxy' ? 0 : 1;
    if (positionals.length > wanted) throw new UsageError(`${command ?? ''} takes ${wanted === 0 ? 'no file' : 'one file or builtin:ID'}; "${positionals[wanted] ?? ''}" is one too many`);
  }
  return { command, positionals, values, help: help === true };
}
