/**
 * kubectl debug: NODE (node/NAME: a pod in the host namespaces with / at /host, as the legacy
 * profile makes it), POD (an ephemeral container added through pods/ephemeralcontainers) or
 * POD --copy-to=NAME (a copy of the pod with a debug container or changed images). With -i the
 * debug container is attached once it runs. Texts and checks as staging/.../cmd/debug/debug.go.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { K8S_NAME_ALPHABET } from '../../sim/random';
import { connect, namespaceOf, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { attachDebugContainer, debugByCopy, debugByEphemeralContainer } from './debug-pod';
import { register } from './registry';

/** A 5-character name suffix (utilrand.String(5)), repeatable from the simulated clock. */
export function debugSuffix(seed: number): string {
  let out = '';
  let n = Math.abs(Math.floor(seed));
  for (let i = 0; i < 5; i++) {
    out += K8S_NAME_ALPHABET[n % K8S_NAME_ALPHABET.length];
    n = Math.floor(n / K8S_NAME_ALPHABET.length) + 7919 * (i + 1);
  }
  return out;
}

const PROFILES = new Set(['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin']);

/** DebugOptions.Validate, in its order. */
function validate(inv: Invocation, names: string[]): void {
  // Complete reads the namespace before Validate checks the flags: an unusable kubeconfig speaks first.
  namespaceOf(inv);
  const f = inv.flags;
  if (!PROFILES.has(f.str('profile'))) throw fail(`unknown profile: ${f.str('profile')}`);
  if (f.str('copy-to')) {
    // --copy-to allows --replace, --same-node and --set-image, and needs no --image.
  } else if (f.bool('replace')) throw fail('--replace may only be used with --copy-to.');
  else if (f.bool('same-node')) throw fail('--same-node may only be used with --copy-to.');
  else if (f.list('set-image').length) throw fail('--set-image may only be used with --copy-to.');
  else if (!f.str('image')) throw fail('you must specify --image when not using --copy-to.');
  if (names.length === 0 && f.list('filename').length === 0) throw fail('NAME or filename is required for debug');
  const pull = f.str('image-pull-policy');
  if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) throw fail(`invalid image pull policy: ${pull}`);
  if (f.str('target')) {
    if (f.str('copy-to')) throw fail('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!f.bool('quiet')) inv.out(`Targeting container "${f.str('target')}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (f.bool('tty') && !f.bool('stdin')) throw fail('-i/--stdin is required for containers with -t/--tty=true');
  if (f.str('profile') === 'legacy') inv.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
}

/** The debug container's environment from --env NAME=VALUE. */
export function envOf(inv: Invocation): { name: string; value: string }[] {
  return inv.flags.list('env').map((e) => {
    const i = e.indexOf('=');
    return i < 0 ? { name: e, value: '' } : { name: e.slice(0, i), value: e.slice(i + 1) };
  });
}

async function debugNode(inv: Invocation, conn: Connection, nodeName: string, command: string[]): Promise<number> {
  const node = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'nodes', name: nodeName });
  if (node.code >= 300) throw new KubectlError(statusText(node.body));
  const namespace = namespaceOf(inv);
  const containerName = inv.flags.str('container') || 'debugger';
  const name = `node-debugger-${nodeName}-${debugSuffix(inv.ctx.clock.now() / 1000)}`;
  if (!inv.flags.bool('quiet')) inv.out(`Creating debugging pod ${name} with container ${containerName} on node ${nodeName}.\n`);
  const container: Record<string, unknown> = { name: containerName, image: inv.flags.str('image'), resources: {}, terminationMessagePolicy: 'File', volumeMounts: [{ name: 'host-root', mountPath: '/host' }] };
  if (command.length) container[inv.flags.bool('arguments-only') ? 'args' : 'command'] = command;
  const env = envOf(inv);
  if (env.length) container.env = env;
  if (inv.flags.str('image-pull-policy')) container.imagePullPolicy = inv.flags.str('image-pull-policy');
  if (inv.flags.bool('stdin')) container.stdin = true;
  if (inv.flags.bool('tty')) container.tty = true;
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } },
    spec: {
      containers: [container], hostIPC: true, hostNetwork: true, hostPID: true, nodeName, restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }], volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
    },
  };
  const res = conn.request({ verb: 'create', group: '', version: 'v1', resource: 'pods', namespace, body: pod });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  if (!attachWanted(inv)) return 0;
  return attachDebugContainer(inv, conn, namespace, name, containerName);
}

/** -i attaches unless --attach was given explicitly (Complete: Attach defaults to Interactive). */
export function attachWanted(inv: Invocation): boolean {
  return inv.flags.has('attach') ? inv.flags.bool('attach') : inv.flags.bool('stdin');
}

async function debug(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  const dash = inv.flags.argsLenAtDash;
  const names = dash >= 0 ? args.slice(0, dash) : args.slice(0, 1);
  const command = dash >= 0 ? args.slice(dash) : args.slice(1);
  validate(inv, names);
  const conn = connect(inv);
  const target = names[0];
  const slash = target.indexOf('/');
  const type = slash < 0 ? 'pods' : target.slice(0, slash);
  const name = slash < 0 ? target : target.slice(slash + 1);
  if (type === 'node' || type === 'nodes' || type === 'no') return debugNode(inv, conn, name, command);
  if (type !== 'pod' && type !== 'pods' && type !== 'po') {
    throw fail(`"/v1, Kind=${type}" not supported by debug`);
  }
  if (inv.flags.str('copy-to')) return debugByCopy(inv, conn, name, command);
  return debugByEphemeralContainer(inv, conn, name, command);
}

register('debug', debug);
