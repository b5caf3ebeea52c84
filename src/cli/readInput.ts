// Reads a scenario file, a pipe or /dev/stdin without trusting its size: a regular file is
// measured first, and anything is read at most up to the limit plus one byte (/dev/zero never ends).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { NOT_UTF8, tooLarge } from '../scenario/fileText';
import { formatOfFile, MAX_SCENARIO_BYTES, type ScenarioFormat } from '../scenario/parse';

/** Thrown with a message that names no path (the caller puts the source in front). */
export class UnreadableInput extends Error {}

/** Standard input by its descriptor: opening /dev/stdin fails when it is a socket (as node's spawn makes it). */
function opened(path: string): { fd: number; close: boolean } {
  return path === '/dev/stdin' || path === '-' ? { fd: 0, close: false } : { fd: openSync(path, 'r'), close: true };
}

/** One read; a non-blocking descriptor with nothing yet waits a moment and tries again. */
function readSome(fd: number, buffer: Buffer, offset: number): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, buffer.length - offset, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

export function readBounded(path: string): Uint8Array {
  const { fd, close } = opened(path);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UnreadableInput('is a folder, not a scenario file');
    if (stat.isFile() && stat.size > MAX_SCENARIO_BYTES) throw new UnreadableInput(tooLarge(stat.size));
    const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSome(fd, buffer, length);
      if (read === 0) break;
      length += read;
    }
    if (length > MAX_SCENARIO_BYTES) throw new UnreadableInput(tooLarge(stat.isFile() ? length : undefined));
    return buffer.subarray(0, length);
  } finally {
    if (close) closeSync(fd);
  }
}

/** UTF-8 or nothing: a file in another encoding (CP949, Latin-1) would run with its names garbled. */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableInput(NOT_UTF8);
  }
}

/** JSON or YAML by the name; a name that says neither (/dev/stdin, a pipe) by the text itself. */
export function formatOf(path: string, text: string): ScenarioFormat {
  if (/\.(json|ya?ml)$/i.test(path)) return formatOfFile(path);
  return /^\uFEFF?\s*[{[]/.test(text) ? 'json' : 'yaml';
}
