/**
 * An interactive shell in a container (kubectl exec -it … -- sh, kubectl run -it): each line the
 * user types runs in the container through the exec subresource, with a busybox-like prompt when
 * a terminal is attached; `exit` or end of input ends the session.
 */
import { statusText } from './status';
import type { Connection } from './connection';
import type { Invocation } from '../invocation';

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
