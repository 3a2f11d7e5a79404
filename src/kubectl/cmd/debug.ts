/**
 * kubectl debug node/NAME --image=IMAGE [-it]: a pod on that node sharing its namespaces with the
 * host filesystem at /host, as the legacy profile makes it; then attached like kubectl run -it.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { K8S_NAME_ALPHABET } from '../../sim/random';
import { connect, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { interactiveShell } from '../client/shell-session';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';

function suffix(seed: number): string {
  let out = '';
  let n = Math.abs(Math.floor(seed));
  for (let i = 0; i < 5; i++) {
    out += K8S_NAME_ALPHABET[n % K8S_NAME_ALPHABET.length];
    n = Math.floor(n / K8S_NAME_ALPHABET.length) + 7919 * (i + 1);
  }
  return out;
}

async function debug(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  const dash = inv.flags.argsLenAtDash;
  const positional = dash >= 0 ? args.slice(0, dash) : args;
  const command = dash >= 0 ? args.slice(dash) : [];
  if (positional.length === 0) throw fail('error: expected a pod or node name');
  const target = positional[0];
  if (!target.startsWith('node/') && !target.startsWith('nodes/')) {
    throw fail('debugging a pod with an ephemeral container is not available in this simulated cluster; use kubectl debug node/NAME');
  }
  const image = inv.flags.str('image');
  if (!image) throw fail('--image is required when debugging a node');
  const nodeName = target.split('/')[1];
  const conn = connect(inv);
  const node = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'nodes', name: nodeName });
  if (node.code >= 300) throw new KubectlError(statusText(node.body));
  const namespace = namespaceOf(inv);
  const name = `node-debugger-${nodeName}-${suffix(inv.ctx.clock.now() / 1000)}`;
  const container: Record<string, unknown> = { name: 'debugger', image, resources: {}, terminationMessagePolicy: 'File', volumeMounts: [{ name: 'host-root', mountPath: '/host' }] };
  if (command.length) container.command = command;
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
  inv.out(`Creating debugging pod ${name} with container debugger on node ${nodeName}.\n`);
  if (!inv.flags.bool('stdin') && !inv.flags.bool('attach')) return 0;
  const deadline = inv.ctx.clock.now() + 300_000;
  for (;;) {
    const got = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name });
    const phase = got.code < 300 ? ((got.body as KubeObject).status as { phase?: string })?.phase : undefined;
    if (phase && phase !== 'Pending') break;
    if (inv.ctx.clock.now() >= deadline || inv.ctx.signal.aborted) throw fail('timed out waiting for the condition');
    await inv.ctx.clock.sleep(1000, inv.ctx.signal);
  }
  inv.err("If you don't see a command prompt, try pressing enter.\n");
  return interactiveShell(inv, conn, namespace, name, 'debugger', inv.flags.bool('tty'));
}

register('debug', debug);
