// What a scenario file's bytes must be before they are parsed, said in the same words by the
// command line and the editor: at most MAX_SCENARIO_BYTES, and UTF-8.
import { MAX_SCENARIO_BYTES } from './parse';

export const NOT_UTF8 = 'not UTF-8 text (save the file as UTF-8)';

/** `bytes` is the file's size when it is known (a pipe's is not: only that it is over the limit). */
export function tooLarge(bytes: number | undefined): string {
  const limit = `a scenario file may be at most ${MAX_SCENARIO_BYTES / 1024 / 1024} MB`;
  return bytes === undefined ? `the input is larger than ${MAX_SCENARIO_BYTES / 1024 / 1024} MB; ${limit}` : `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; ${limit}`;
}
