/**
 * Talking to a container's shell (kubectl attach, run -it, debug -it): through the pods/attach
 * subresource, streamed (the container's shell reads what is typed, prompts on a terminal, keeps
 * its state from line to line, and its exit ends the container). A server that cannot stream gets
 * the line-at-a-time fallback: each line runs through the exec subresource, with a busybox-like
 * prompt when a terminal is attached; `exit` or end of input ends the session.
 */
import { statusText } from './status';
import type { Connection } from './connection';
import type { ExecAnswer } from './exec';
import type { Invocation } from '../invocation';
import { raw } from '../errors';
import { setupTTY } from './tty';
import type { KubeObject } from '../../sim/apiserver/types';

/**
 * attach's Run once the container runs (kubectl attach, run -it, debug -it): SetupTTY, the prompt
 * hint, the session, and after it the reattach message.
 */
export async function attachSession(inv: Invocation, conn: Connection, namespace: string, pod: KubeObject, container: string, want: { stdin: boolean; tty: boolean }): Promise<number> {
  const quiet = inv.flags.bool('quiet');
  const tty = setupTTY(inv, want.stdin, want.tty, quiet);
  if (!quiet) inv.err("If you don't see a command prompt, try pressing enter.\n");
  const code = await attachShell(inv, conn, namespace, pod.metadata!.name!, container, tty);
  const message = reattachMessage(pod, container, tty && !quiet);
  if (message) inv.out(`${message}\n`);
  return code;
}

/**
 * attach's reattachMessage (kubectl 1.33): after a session on a terminal in a Pod that restarts
 * its containers, how to get back; an ephemeral container is never restarted.
 */
function reattachMessage(pod: KubeObject, container: string, rawTTY: boolean): string | undefined {
  const spec = (pod.spec ?? {}) as { restartPolicy?: string; ephemeralContainers?: { name: string }[] };
  if (!rawTTY || (spec.restartPolicy ?? 'Always') !== 'Always') return undefined;
  const name = pod.metadata!.name!;
  if ((spec.ephemeralContainers ?? []).some((c) => c.name === container))
    return `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${name} -c ${container} -i -t' if it is still running`;
  return `Session ended, resume using 'kubectl attach ${name} -c ${container} -i -t' command when the pod is running`;
}

/** Attach to the container's shell; resolves with the shell's exit status. */
export async function attachShell(inv: Invocation, conn: Connection, namespace: string, pod: string, container: string, tty: boolean): Promise<number> {
  const res = conn.request<ExecAnswer>({
    verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'attach', namespace, name: pod,
    query: { container, stdin: 'true', stdout: 'true', stderr: String(!tty), tty: String(tty) },
    body: { container, tty },
  });
  if (res.code >= 300) throw raw(statusText(res.body).replace(/^Error from server \(InternalError\): /, 'error: '));
  const run = (res.body as ExecAnswer | undefined)?.run;
  if (typeof run !== 'function') return interactiveShell(inv, conn, namespace, pod, container, tty);
  return run({ stdin: inv.ctx.stdin, stdout: { write: (s: string) => inv.out(s) }, stderr: { write: (s: string) => inv.err(s) }, tty, columns: tty ? inv.ctx.columns : undefined, signal: inv.ctx.signal });
}

export async function interactiveShell(inv: Invocation, conn: Connection, namespace: string, pod: string, container: string, tty: boolean): Promise<number> {
  let buffer = '';
  let last = 0;
  for (;;) {
    if (tty) inv.out('/ # ');
    let nl = buffer.indexOf('\n');
    while (nl < 0) {
      const chunk = await inv.ctx.stdin.read();
      if (chunk === null) break;
      buffer += chunk;
      nl = buffer.indexOf('\n');
    }
    if (nl < 0 && buffer === '') break;
    const line = nl < 0 ? buffer : buffer.slice(0, nl);
    buffer = nl < 0 ? '' : buffer.slice(nl + 1);
    const trimmed = line.trim();
    if (trimmed === 'exit' || trimmed.startsWith('exit ')) {
      last = Number(trimmed.split(/\s+/)[1] ?? 0) || 0;
      break;
    }
    if (trimmed === '') continue;
    const res = conn.request<{ stdout: string; stderr: string; exitCode: number }>({
      verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace, name: pod,
      query: { container }, body: { command: ['sh', '-c', line], tty, container },
    });
    if (res.code >= 300) {
      inv.err(statusText(res.body) + '\n');
      continue;
    }
    const out = res.body as { stdout: string; stderr: string; exitCode: number };
    inv.out(out.stdout);
    if (out.stderr) inv.err(out.stderr);
    last = out.exitCode;
  }
  return last;
}
