/**
 * A container's main process run for real (Behaviour.live): `kubectl run t --image=busybox
 * --restart=Never -- ls /`, `-- id`, `-- sh -c 'ps; cat /etc/os-release'`. It runs in the
 * container's own shell and filesystem, as `kubectl exec` does, but as PID 1: what it prints goes
 * line by line into the runtime's record of the container (what `kubectl logs` and `crictl logs`
 * read), and when it ends the runtime sees the container exit with its status.
 */
import type { OutputStream } from '../../shell/command';
import type { ExecContext } from './exec';
import { runInContainer } from './container-shell';

/** Where the process's output and end go: the runtime's log and exit of the container. */
export interface MainProcessSink {
  log(line: string, stream: 'stdout' | 'stderr'): void;
  exit(status: number): void;
}

/** A stream that hands complete lines to the log (a tty's CR dropped, as the log keeps the line). */
class LineWriter implements OutputStream {
  private pending = '';

  constructor(
    private readonly sink: MainProcessSink,
    private readonly stream: 'stdout' | 'stderr',
  ) {}

  write(chunk: string): void {
    this.pending += chunk;
    for (let nl = this.pending.indexOf('\n'); nl >= 0; nl = this.pending.indexOf('\n')) {
      this.sink.log(this.pending.slice(0, nl).replace(/\r$/, ''), this.stream);
      this.pending = this.pending.slice(nl + 1);
    }
  }

  /** A last line without its newline is logged too (the runtime's log splits on newlines or at the end). */
  flush(): void {
    if (this.pending) this.sink.log(this.pending, this.stream);
    this.pending = '';
  }
}

/**
 * Run `argv` as the container's PID 1. Stopping the container (`signal`) ends the run without an
 * exit of its own: whoever stopped it has reported the exit already.
 */
export async function runMainProcess(ctx: ExecContext, argv: string[], sink: MainProcessSink, signal: AbortSignal): Promise<void> {
  const stdout = new LineWriter(sink, 'stdout');
  const stderr = new LineWriter(sink, 'stderr');
  let status: number;
  try {
    status = await runInContainer({ ...ctx, mainProcess: true }, argv, { stdout, stderr, tty: ctx.container.tty === true, signal });
  } catch {
    // A crash of the run itself is the process dying: the runtime sees status 1, as for a segfaulting program's shell.
    status = 1;
  }
  if (signal.aborted) return;
  stdout.flush();
  stderr.flush();
  sink.exit(status);
}
