/** kubectl logs and kubectl exec, through the pods/log and pods/exec subresources. */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, mapperOf, namespaceOf, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, raw, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { interactiveShell } from '../client/shell-session';
import { setupTTY } from '../client/tty';
import { requestExec, type ExecAnswer } from '../client/exec';
import { durationSeconds, followLogs, type FollowTarget } from './logs-follow';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** POD, pod/NAME or TYPE/NAME of a workload (the first of its pods, as kubectl picks). */
function resolvePod(inv: Invocation, conn: Connection, ref: string, namespace: string): KubeObject {
  let type = 'pods';
  let name = ref;
  if (ref.includes('/')) [type, name] = ref.split('/', 2);
  const mapping = mapperOf(conn).resolve(type);
  const res = conn.request<KubeObject>({ verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource, namespace, name });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  const obj = res.body as KubeObject;
  if (mapping.resource === 'pods') return obj;
  const selector = ((obj.spec as Obj)?.selector?.matchLabels ?? (obj.spec as Obj)?.selector ?? {}) as Record<string, string>;
  const labelSelector = Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(',');
  // The pods of a workload come from the generated clientset (polymorphichelpers' GetFirstPod).
  const pods = conn.typed(() => conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'pods', namespace, query: { labelSelector } }));
  const items = pods.code < 300 ? ((pods.body as { items: KubeObject[] }).items ?? []) : [];
  if (items.length === 0) throw fail(`timed out waiting for the condition`);
  const sorted = [...items].sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
  if (items.length > 1) inv.err(`Found ${items.length} pods, using pod/${sorted[0].metadata?.name}\n`);
  return sorted[0];
}

/** The container kubectl picks when -c is absent: the default-container annotation, else the first. */
function defaultContainer(inv: Invocation, pod: KubeObject): string {
  const containers = (((pod.spec as Obj)?.containers ?? []) as Obj[]).map((c) => c.name as string);
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && containers.includes(annotated)) return annotated;
  if (containers.length > 1) inv.err(`Defaulted container "${containers[0]}" out of: ${containers.join(', ')}\n`);
  return containers[0];
}

/** `kubectl logs -l SELECTOR`: the logs of every matching Pod, one after the other (10 lines each by default). */
async function logsBySelector(inv: Invocation, selector: string): Promise<number> {
  const conn = connect(inv, 4);
  const namespace = namespaceOf(inv);
  const list = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'pods', namespace, query: { labelSelector: selector } });
  if (list.code >= 300) throw new KubectlError(statusText(list.body));
  const pods = (list.body as { items: KubeObject[] }).items ?? [];
  if (pods.length === 0) {
    inv.err(`No resources found in ${namespace} namespace.\n`);
    return 0;
  }
  const max = inv.flags.int('max-log-requests') > 0 ? inv.flags.int('max-log-requests') : 5;
  if (pods.length > max && inv.flags.bool('follow')) {
    throw fail(`you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  }
  // With a selector kubectl shows the last 10 lines of each Pod unless --tail says otherwise.
  const tail = inv.flags.has('tail') ? inv.flags.int('tail') : 10;
  const followed: FollowTarget[] = [];
  for (const pod of pods) {
    const query: Record<string, string> = {};
    if (tail >= 0) query.tailLines = String(tail);
    followed.push(...printLogs(inv, conn, namespace, pod, containersOf(inv, pod), query));
  }
  if (inv.flags.bool('follow')) return followLogs(inv, conn, namespace, followed);
  return 0;
}

/** The containers to read: every one with --all-containers (init, app, ephemeral), else -c or the default. */
function containersOf(inv: Invocation, pod: KubeObject, named?: string): string[] {
  if (inv.flags.bool('all-containers')) {
    const spec = (pod.spec ?? {}) as Obj;
    return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: Obj) => String(c.name));
  }
  return [inv.flags.str('container') || named || defaultContainer(inv, pod)];
}

/** Print the current logs of some containers of a pod (prefixed with --prefix); what -f then follows. */
function printLogs(inv: Invocation, conn: Connection, namespace: string, pod: KubeObject, containers: string[], base: Record<string, string>): FollowTarget[] {
  const targets: FollowTarget[] = [];
  for (const container of containers) {
    const query: Record<string, string> = { container, ...base };
    if (inv.flags.bool('previous')) query.previous = 'true';
    Object.assign(query, timeQuery(inv));
    const res = conn.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace, name: pod.metadata?.name, query });
    if (res.code >= 300) throw new KubectlError(statusText(res.body));
    const text = String(res.body);
    const prefix = inv.flags.bool('prefix') ? `[pod/${pod.metadata?.name}/${container}] ` : '';
    inv.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
    targets.push({ pod: pod.metadata?.name ?? '', container, prefix });
  }
  return targets;
}

/** --timestamps and --since as query parameters of pods/log. */
function timeQuery(inv: Invocation): Record<string, string> {
  const q: Record<string, string> = {};
  if (inv.flags.bool('timestamps')) q.timestamps = 'true';
  if (inv.flags.str('since') && inv.flags.str('since') !== '0s') q.sinceSeconds = String(Math.max(1, durationSeconds(inv.flags.str('since'))));
  return q;
}

async function logs(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  const selector = inv.flags.str('selector');
  if (args.length === 0 && selector) return logsBySelector(inv, selector);
  if (args.length === 0) {
    throw usageError('logs', "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
  }
  if (args.length > 2) throw usageError('logs', "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
  const named = inv.flags.str('container') || args[1];
  const conn = connect(inv, 4);
  const namespace = namespaceOf(inv);
  // LogsOptions.Validate runs once the server has been reached.
  if (inv.flags.bool('all-containers') && named) throw fail(`--all-containers=true should not be specified with container name ${named}`);
  if (inv.flags.str('container') && args.length === 2) throw fail('only one of -c or an inline [CONTAINER] arg is allowed');
  const pod = resolvePod(inv, conn, args[0], namespace);
  const query: Record<string, string> = {};
  if (inv.flags.int('tail') >= 0) query.tailLines = String(inv.flags.int('tail'));
  const targets = printLogs(inv, conn, namespace, pod, containersOf(inv, pod, named), query);
  if (inv.flags.bool('follow')) return followLogs(inv, conn, namespace, targets);
  return 0;
}

async function exec(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  const dash = inv.flags.argsLenAtDash;
  if (args.length === 0 && inv.flags.list('filename').length === 0) throw fail('pod, type/name or --filename must be specified');
  let target: string;
  let command: string[];
  if (dash >= 0) {
    if (dash === 0) throw fail('pod, type/name or --filename must be specified');
    target = args[0];
    command = args.slice(dash);
  } else {
    target = args[0];
    command = args.slice(1);
    // Deprecated up to kubectl 1.30 (a warning, then the command ran); refused since 1.31.
    if (command.length) throw usageError('exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  }
  if (command.length === 0) throw fail('you must specify at least one command for the container');
  const conn = connect(inv, 4);
  const namespace = namespaceOf(inv);
  const pod = resolvePod(inv, conn, target, namespace);
  const phase = (pod.status as Obj)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw fail(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = inv.flags.str('container') || defaultContainer(inv, pod);
  const shells = ['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash'];
  const tty = setupTTY(inv, inv.flags.bool('stdin'), inv.flags.bool('tty'), inv.flags.bool('quiet'));
  const streamed = await streamExec(inv, conn, namespace, pod, container, command, tty);
  if (streamed !== undefined) return streamed;
  if (inv.flags.bool('stdin') && command.length === 1 && shells.includes(command[0])) {
    const code = await interactiveShell(inv, conn, namespace, pod.metadata?.name ?? '', container, tty);
    if (code !== 0) {
      inv.err(`command terminated with exit code ${code}\n`);
      return code;
    }
    return 0;
  }
  const stdin = inv.flags.bool('stdin') ? await inv.ctx.stdin.readAll() : undefined;
  const res = conn.request<{ stdout: string; stderr: string; exitCode: number }>({
    verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace, name: pod.metadata?.name,
    query: { container }, body: { command, stdin, tty, container },
  });
  if (res.code >= 300) {
    const text = statusText(res.body);
    throw raw(text.replace(/^Error from server \(InternalError\): /, 'Error from server: '));
  }
  const out = res.body as { stdout: string; stderr: string; exitCode: number };
  inv.out(out.stdout);
  if (out.stderr) inv.err(out.stderr);
  if (out.exitCode !== 0) {
    inv.err(`command terminated with exit code ${out.exitCode}\n`);
    return out.exitCode;
  }
  return 0;
}

/** A process the container streams (stdin attached with -i, a terminal with -t); undefined when the server only answers at once. */
async function streamExec(inv: Invocation, conn: Connection, namespace: string, pod: KubeObject, container: string, command: string[], tty: boolean): Promise<number | undefined> {
  const res = requestExec(conn, { namespace, pod: pod.metadata!.name!, container }, command, { tty });
  if (res.code >= 300) {
    // The runtime's failure reaches kubectl on the stream's error channel. Since 1.30 the API server
    // translates the kubelet's SPDY stream to kubectl's WebSocket and wraps the kubelet's InternalError
    // once more, so a 1.33 kubectl prints `error: Internal error occurred: Internal error occurred: …`.
    const text = statusText(res.body);
    throw raw(text.replace(/^Error from server \(InternalError\): /, 'error: Internal error occurred: '));
  }
  const run = (res.body as ExecAnswer)?.run;
  if (typeof run !== 'function') return undefined;
  const stdin = inv.flags.bool('stdin');
  const code = await run({
    stdin: stdin ? inv.ctx.stdin : undefined,
    stdout: { write: (s: string) => inv.out(s) },
    stderr: { write: (s: string) => inv.err(s) },
    tty,
    columns: tty ? inv.ctx.columns : undefined,
    signal: inv.ctx.signal,
  });
  if (code !== 0) inv.err(`command terminated with exit code ${code}\n`);
  return code;
}

register('logs', logs);
register('exec', exec);
