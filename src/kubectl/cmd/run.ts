/** kubectl run NAME --image=… : a Pod (and with --expose a Service) built client-side. */
import { recordChangeCause } from './mutate';
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, mapperOf } from '../client/connection';
import { fail, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, printTypedResponse, qualifiedName } from '../printers/output';
import { toYaml } from '../../sim/go-yaml/emit';
import { deepMerge } from '../util/merge';
import { checkRequired, dryRunOf, meta, withSavedConfig, type DryRun } from './create/generator';
import { register } from './registry';
import { attachSession } from '../client/shell-session';
import { statusError, statusText } from '../client/status';

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw fail(`unexpected label spec: ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return sorted(out);
}

function sorted(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

function buildPod(inv: Invocation, name: string, namespace: string | undefined, labels: Record<string, string>): KubeObject {
  const dash = inv.flags.argsLenAtDash;
  const extra = dash >= 0 ? inv.flags.args.slice(dash) : inv.flags.args.slice(1);
  const container: Record<string, unknown> = { name, image: inv.flags.str('image') };
  if (extra.length) container[inv.flags.bool('command') ? 'command' : 'args'] = extra;
  const port = inv.flags.str('port');
  // The generator reads --port with strconv.Atoi.
  if (port && !/^[+-]?\d+$/.test(port)) throw fail(`strconv.Atoi: parsing "${port}": invalid syntax`);
  if (port && Math.abs(Number(port)) > 2 ** 63 - 1) throw fail(`strconv.Atoi: parsing "${port}": value out of range`);
  if (port) container.ports = [{ containerPort: Number(port) }];
  const env = inv.flags.list('env').map((e) => {
    const eq = e.indexOf('=');
    if (eq <= 0) throw fail(`invalid env: ${e}`);
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
  if (env.length) container.env = env;
  container.resources = {};
  const pull = inv.flags.str('image-pull-policy');
  if (pull) container.imagePullPolicy = pull;
  if (inv.flags.bool('privileged')) container.securityContext = { privileged: true };
  if (inv.flags.bool('stdin')) {
    container.stdin = true;
    if (inv.flags.bool('tty')) container.tty = true;
  }
  const annotations: Record<string, string> = {};
  for (const a of inv.flags.list('annotations')) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw fail(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  let pod: KubeObject = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: meta(name, namespace, { labels, annotations: sorted(annotations) }),
    spec: { containers: [container], restartPolicy: inv.flags.str('restart') || 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  const overrides = inv.flags.str('overrides');
  if (overrides) {
    let patch: unknown;
    try {
      patch = JSON.parse(overrides);
    } catch (e) {
      throw fail(`error: unable to parse "${overrides}": ${(e as Error).message}`);
    }
    pod = deepMerge(pod, patch) as KubeObject;
  }
  return pod;
}

function buildService(name: string, namespace: string | undefined, port: string, labels: Record<string, string>): KubeObject {
  const targetPort = /^\d+$/.test(port) ? Number(port) : port;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(name, namespace),
    spec: { ports: [{ protocol: 'TCP', port: Number(port), targetPort }], selector: labels },
    status: { loadBalancer: {} },
  };
}

function send(inv: Invocation, obj: KubeObject, resource: string, namespace: string, dryRun: DryRun): KubeObject {
  const conn = connect(inv, 1);
  const res = conn.request<KubeObject>({
    verb: 'create',
    group: '',
    version: 'v1',
    resource,
    namespace,
    body: obj,
    query: { fieldManager: 'kubectl-run', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
  });
  if (res.code >= 300) throw statusError(res.body);
  return res.body as KubeObject;
}

async function run(inv: Invocation): Promise<number> {
  checkRequired(inv, ['image']);
  const dash = inv.flags.argsLenAtDash;
  const positional = dash >= 0 ? inv.flags.args.slice(0, dash) : inv.flags.args;
  if (positional.length === 0) throw usageError('run', 'NAME is required for run');
  const name = positional[0];
  const dryRun = dryRunOf(inv);
  const output = inv.flags.str('output');
  const spec = checkOutputFormat(output);
  const restart = inv.flags.str('restart') || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError('run', `invalid restart policy: ${restart}`);
  const attach = inv.flags.bool('attach') || inv.flags.bool('stdin') || inv.flags.bool('tty');
  if (dryRun !== 'none' && attach) {
    throw usageError('run', "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  }
  if (inv.flags.bool('rm') && !attach) throw usageError('run', '--rm should only be used for attached containers');
  const pull = inv.flags.str('image-pull-policy');
  if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) throw usageError('run', `invalid image pull policy: ${pull}`);
  const expose = inv.flags.bool('expose');
  const port = inv.flags.str('port');
  if (expose && !port) throw usageError('run', '--port must be set when exposing a service');
  const labels = inv.flags.str('labels') ? parseLabels(inv.flags.str('labels')) : { run: name };
  const explicitNs = inv.flags.str('namespace') || undefined;
  // The generator builds the Pod (and fails on its flags) before kubectl maps its kind through discovery.
  let pod = buildPod(inv, name, explicitNs, labels);
  const conn = connect(inv, 1);
  mapperOf(conn);
  const namespace = inv.flags.str('namespace') || conn.config.namespace;
  if (inv.flags.bool('save-config') && dryRun === 'none') pod = withSavedConfig(pod);
  const objects: KubeObject[] = [];
  if (expose) objects.push(buildService(name, explicitNs, port, labels));
  objects.push(pod);
  if (inv.flags.bool('record')) for (const o of objects) recordChangeCause(o, inv);
  if (dryRun === 'client') {
    if (spec.format === 'yaml') {
      inv.out(objects.map((o) => toYaml(o)).join('---\n---\n'));
      return 0;
    }
    for (const o of objects) {
      if (!printStructured(inv, spec, o, { typed: true })) inv.out(`${qualifiedName(o)} created (dry run)\n`);
    }
    return 0;
  }
  for (const o of objects) {
    const created = send(inv, o, o.kind === 'Service' ? 'services' : 'pods', namespace, dryRun);
    if (attach && o.kind === 'Pod') continue;
    if (!printTypedResponse(inv, spec, created)) inv.out(`${qualifiedName(created)} created${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  }
  if (attach) return attachToPod(inv, name, namespace, container(pod), pod);
  return 0;
}

function container(pod: KubeObject): string {
  return (((pod.spec as Record<string, unknown>)?.containers as { name: string }[]) ?? [])[0]?.name ?? '';
}

type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

function phaseOf(inv: Invocation, name: string, namespace: string): PodPhase | undefined {
  const res = connect(inv, 1).request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name });
  return res.code < 300 ? (((res.body as KubeObject).status as { phase?: PodPhase })?.phase ?? 'Pending') : undefined;
}

/** Does the container's process read what the user types (a shell with no -c script, or the image's default shell)? */
function readsTerminal(pod: KubeObject): boolean {
  const c = (((pod.spec as Record<string, unknown>)?.containers as { command?: string[]; args?: string[] }[]) ?? [])[0];
  const argv = [...(c?.command ?? []), ...(c?.args ?? [])];
  if (!argv.length) return true;
  return ['sh', 'ash', 'bash', 'dash'].includes(argv[0].replace(/^.*\//, '')) && !argv.includes('-c');
}

/** The terminated state of the pod's first container: what `kubectl run` exits with. */
function terminatedOf(pod: KubeObject | undefined): { exitCode: number; reason: string; message: string } | undefined {
  const cs = ((pod?.status as { containerStatuses?: { state?: { terminated?: { exitCode?: number; reason?: string; message?: string } } }[] })?.containerStatuses ?? [])[0];
  const t = cs?.state?.terminated;
  return t ? { exitCode: t.exitCode ?? 0, reason: t.reason ?? '', message: t.message ?? '' } : undefined;
}

/**
 * -i/-t/--attach/--rm: wait for the pod to start (simulated time passes), then either run the
 * typed lines in the container through exec (its process is a shell that reads them) or stream
 * its output as it writes it until it ends; --rm deletes the pod afterwards. With
 * --restart=Never kubectl exits with the container's status, as `pod NS/NAME terminated (REASON)`.
 */
async function attachToPod(inv: Invocation, name: string, namespace: string, containerName: string, pod: KubeObject): Promise<number> {
  const conn = connect(inv, 1);
  const deadline = inv.ctx.clock.now() + 300_000;
  let phase = phaseOf(inv, name, namespace);
  while (phase === 'Pending' && inv.ctx.clock.now() < deadline && !inv.ctx.signal.aborted) {
    await inv.ctx.clock.sleep(1000, inv.ctx.signal);
    phase = phaseOf(inv, name, namespace);
  }
  if (phase === 'Pending' || phase === undefined) throw fail('timed out waiting for the condition');
  if (inv.flags.bool('stdin') && phase === 'Running' && readsTerminal(pod)) {
    await attachSession(inv, conn, namespace, pod, containerName, { stdin: true, tty: inv.flags.bool('tty') });
  } else {
    if (inv.flags.bool('stdin') && phase === 'Running') inv.err("If you don't see a command prompt, try pressing enter.\n");
    let printed = 0;
    const printNew = () => {
      const logs = conn.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace, name, query: { container: containerName } });
      if (logs.code >= 300) return;
      const text = String(logs.body);
      if (text.length > printed) inv.out(text.slice(printed));
      printed = Math.max(printed, text.length);
    };
    printNew();
    while (phase === 'Running' && inv.ctx.clock.now() < deadline && !inv.ctx.signal.aborted) {
      await inv.ctx.clock.sleep(1000, inv.ctx.signal);
      phase = phaseOf(inv, name, namespace);
      printNew();
    }
  }
  const final = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name });
  const terminated = final.code < 300 ? terminatedOf(final.body as KubeObject) : undefined;
  const failed = final.code < 300 && ((final.body as KubeObject).status as { phase?: string })?.phase === 'Failed';
  if (inv.flags.bool('rm')) {
    const del = conn.request({ verb: 'delete', group: '', version: 'v1', resource: 'pods', namespace, name, query: { gracePeriodSeconds: '0' } });
    if (del.code < 300) inv.out(`pod "${name}" deleted\n`);
  }
  if (!failed || inv.flags.str('restart') !== 'Never') return 0;
  if (!terminated || terminated.exitCode === 0) throw fail(`pod ${namespace}/${name} failed with unknown exit code`);
  inv.err(`pod ${namespace}/${name} terminated (${terminated.reason})\n${terminated.message}${terminated.message && !terminated.message.endsWith('\n') ? '\n' : ''}`);
  return terminated.exitCode;
}

register('run', run);
