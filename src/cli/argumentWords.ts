// Node's parseArgs errors in the command line's own words: its messages speak of "ambiguous"
// arguments and of '-- "--x"', which say nothing of the rule that was broken.

/** Whether `error` is one of parseArgs's (a TypeError with an ERR_PARSE_ARGS_ code). */
export function isArgumentsError(error: unknown): error is TypeError & { readonly code: string } {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

export function argumentsErrorWords(error: TypeError & { readonly code: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? 'an option';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'unexpected argument';
  if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
  // "argument missing", or a value that starts with "-" (parseArgs calls it ambiguous).
  if (/ambiguous/.test(error.message)) return `${option} needs a value (write ${option}=VALUE for one that starts with "-")`;
  return `${option} needs a value`;
}
