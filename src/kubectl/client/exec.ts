/**
 * The pods/exec subresource as kubectl's commands call it (exec, cp): one request, and the answer's
 * `run(io)` when the kubelet streams the process (stdin, a terminal, output as it comes).
 */
import type { ApiResponse } from '../../sim/apiserver/types';
import type { InputStream } from '../../shell/command';
import type { Connection } from './connection';

export interface ExecIo {
  stdin?: InputStream;
  stdout: { write(s: string): void };
  stderr: { write(s: string): void };
  tty?: boolean;
  /** With a terminal, its width (kubectl's terminal size queue sends it on the resize stream). */
  columns?: number;
  signal?: AbortSignal;
}

/** What the kubelet answers: the outcome at once, and `run` when it can stream. */
export interface ExecAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
  run?: (io: ExecIo) => Promise<number>;
}

export interface ExecTarget {
  namespace: string;
  pod: string;
  container?: string;
}

export function requestExec(conn: Connection, target: ExecTarget, command: string[], options: { stdin?: string; tty?: boolean } = {}): ApiResponse<ExecAnswer> {
  return conn.request<ExecAnswer>({
    verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: target.namespace, name: target.pod,
    query: target.container ? { container: target.container } : {},
    body: { command, container: target.container, ...(options.tty !== undefined ? { tty: options.tty } : {}), ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) },
  });
}

/** Text as a process's stdin: one chunk, then end of input. */
export function textInput(text: string): InputStream {
  let done = false;
  return {
    read: async () => (done ? null : ((done = true), text)),
    readAll: async () => (done ? '' : ((done = true), text)),
  };
}
