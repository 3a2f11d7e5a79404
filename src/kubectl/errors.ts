/**
 * How kubectl ends a command with an error: the exact text it writes to stderr and its exit
 * status. Handlers throw these; the entry point prints them. Nothing else escapes to the user.
 */
export class KubectlError extends Error {
  constructor(
    /** Everything written to stderr, without the final newline. */
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text);
  }
}

/** `error: <msg>` as cmdutil.CheckErr prints an ordinary error. */
export function fail(message: string, exitCode = 1): KubectlError {
  return new KubectlError(`error: ${message}`, exitCode);
}

/** A usage error: `error: <msg>` then `See 'kubectl <cmd> -h' for help and examples`. */
export function usageError(commandPath: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl ${commandPath} -h' for help and examples`);
}

/** An error already in its final printed form (e.g. several lines, or `Error from server …`). */
export function raw(text: string, exitCode = 1): KubectlError {
  return new KubectlError(text, exitCode);
}
