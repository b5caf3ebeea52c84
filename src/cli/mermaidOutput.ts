// `--format mermaid`: one diagram per file, as Mermaid's tools want it (mmdc and Mermaid Live
// refuse two `sequenceDiagram`s in one text). A run drawn in several parts prints one with
// --part N, or writes them all with --out FILE.mmd (FILE-1.mmd, FILE-2.mmd, …).
import { UsageError } from './options';

export interface MermaidIo {
  readonly out: (text: string) => void;
  readonly writeFile: (path: string, text: string) => void;
}

function partNumber(text: string, count: number): number {
  const number = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(number) || number < 1 || number > count) {
    throw new UsageError(`--part must be a whole number from 1 to ${count} (the run is drawn in ${count} part${count === 1 ? '' : 's'}), got "${text}"`);
  }
  return number;
}

/** The files for `--out`: the name itself for one diagram, numbered before `.mmd` for several. */
export function numberedFiles(out: string, count: number): string[] {
  if (!/\.mmd$/i.test(out)) throw new UsageError(`--out names a Mermaid file ending in .mmd, got "${out}"`);
  if (count === 1) return [out];
  const stem = out.slice(0, -'.mmd'.length);
  return Array.from({ length: count }, (_unused, index) => `${stem}-${index + 1}${out.slice(-'.mmd'.length)}`);
}

export function writeMermaid(parts: readonly string[], source: string, choice: { readonly part?: string | undefined; readonly out?: string | undefined }, io: MermaidIo): void {
  const chosen = choice.part === undefined ? parts : [parts[partNumber(choice.part, parts.length) - 1] ?? ''];
  if (choice.out !== undefined) {
    const files = numberedFiles(choice.out, chosen.length);
    files.forEach((file, index) => {
      try {
        io.writeFile(file, `${chosen[index] ?? ''}\n`);
      } catch (error) {
        throw new Error(`cannot write ${file}: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`);
      }
    });
    io.out(`${files.join('\n')}\n`);
    return;
  }
  const [only] = chosen;
  if (chosen.length !== 1 || only === undefined) {
    throw new UsageError(`${source} is drawn in ${parts.length} diagrams and a Mermaid file holds one: print one with --part 1 to ${parts.length}, or write them all with --out FILE.mmd`);
  }
  io.out(`${only}\n`);
}
