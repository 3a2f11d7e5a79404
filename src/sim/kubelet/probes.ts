/**
 * Container probes (liveness, readiness, startup) judged against what the process does: an exec
 * `cat`/`test -e` of a file the process touched and not yet removed, an HTTP GET to a port it
 * serves (nginx answers / and 404s elsewhere; agnhost's liveness server fails /healthz after
 * 10 s), a TCP connect to a served port. Failure texts are the kubelet's. Outcomes only change
 * at known instants of the process's timeline, so the kubelet can sleep until then.
 */
import type { Behaviour } from '../runtime/behaviour';
import type { Obj } from '../controllers/machinery/objects';

export interface ProbeOutcome {
  ok: boolean;
  /** The kubelet's failure text, after "Liveness probe failed: ". */
  message: string;
}

function fileExists(b: Behaviour, path: string, runningMs: number): boolean {
  return (b.files ?? []).some((f) => f.path === path && f.fromMs <= runningMs && (f.untilMs === undefined || runningMs < f.untilMs));
}

function execTarget(cmd: string[]): string | undefined {
  const words = cmd[0] === 'sh' || cmd[0] === '/bin/sh' ? (cmd[2] ?? '').split(/\s+/) : cmd;
  if (words[0] === 'cat' || words[0] === '/bin/cat') return words[1];
  if ((words[0] === 'test' || words[0] === '[') && (words[1] === '-e' || words[1] === '-f')) return words[2];
  if (words[0] === 'ls') return words[1];
  return undefined;
}

export function runProbe(p: Obj, b: Behaviour | undefined, runningMs: number, podIP: string, busybox: boolean): ProbeOutcome {
  if (!b) return { ok: false, message: 'container not running' };
  if (p.exec) {
    const cmd = ((p.exec.command ?? []) as unknown[]).map(String);
    const target = execTarget(cmd);
    if (!target) return b.answersAnyPort || !b.files ? { ok: true, message: '' } : { ok: true, message: '' };
    if (fileExists(b, target, runningMs)) return { ok: true, message: '' };
    return { ok: false, message: busybox ? `cat: can't open '${target}': No such file or directory` : `cat: ${target}: No such file or directory` };
  }
  if (p.httpGet) {
    const port = Number(p.httpGet.port);
    const path = String(p.httpGet.path ?? '/');
    const url = `${String(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? podIP}:${p.httpGet.port}${path}`;
    if (b.answersAnyPort) return { ok: true, message: '' };
    const since = b.httpPaths?.[path];
    if (since !== undefined) return runningMs >= since ? { ok: true, message: '' } : { ok: false, message: 'HTTP probe failed with statuscode: 500' };
    if (!b.ports.includes(port)) return { ok: false, message: `Get "${url}": dial tcp ${podIP}:${p.httpGet.port}: connect: connection refused` };
    if (b.server === 'agnhost-liveness') return runningMs < 10_000 ? { ok: true, message: '' } : { ok: false, message: 'HTTP probe failed with statuscode: 500' };
    if (path === '/' || path === '/index.html') return { ok: true, message: '' };
    return { ok: false, message: 'HTTP probe failed with statuscode: 404' };
  }
  if (p.tcpSocket) {
    const port = Number(p.tcpSocket.port);
    if (b.answersAnyPort || b.ports.includes(port)) return { ok: true, message: '' };
    return { ok: false, message: `dial tcp ${podIP}:${p.tcpSocket.port}: connect: connection refused` };
  }
  return { ok: true, message: '' };
}

/** The next instant (ms since start) after `runningMs` at which a probe's outcome may change. */
export function nextChange(p: Obj, b: Behaviour | undefined, runningMs: number): number | undefined {
  if (!b) return undefined;
  const times: number[] = [];
  if (p.exec) for (const f of b.files ?? []) for (const t of [f.fromMs, f.untilMs]) if (t !== undefined && t > runningMs) times.push(t);
  if (p.httpGet && b.server === 'agnhost-liveness' && runningMs < 10_000) times.push(10_000);
  const since = p.httpGet ? b.httpPaths?.[String(p.httpGet.path ?? '/')] : undefined;
  if (since !== undefined && Number.isFinite(since) && since > runningMs) times.push(since);
  return times.length ? Math.min(...times) : undefined;
}
