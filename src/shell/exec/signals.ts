/** Non-local control flow of the shell language, carried as exceptions through the evaluator. */

export class BreakSignal {
  constructor(public levels: number) {}
}

export class ContinueSignal {
  constructor(public levels: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** `exit`, errexit, a fatal expansion error, or a syntax error in a non-interactive shell. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/** Ctrl-C: the foreground command list stops with status 130. */
export class InterruptSignal {
  readonly status = 130;
}
