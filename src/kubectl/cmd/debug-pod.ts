/**
 * kubectl debug of a pod: an ephemeral container patched in through the pods/ephemeralcontainers
 * subresource, or a copy of the pod (--copy-to) with a debug container, --set-image and
 * --share-processes; then, with -i, attached once the container runs.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { namespaceOf, type Connection } from '../client/connection';
import { attachSession } from '../client/shell-session';
import { statusText } from '../client/status';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { attachWanted, debugSuffix, envOf } from './debug';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function getPod(conn: Connection, namespace: string, name: string): KubeObject {
  const res = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  return res.body as KubeObject;
}

function containerNames(spec: Obj): Set<string> {
  return new Set([...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: Obj) => String(c.name)));
}

/** computeDebugContainerName: --container, else a fresh debugger-xxxxx (announced). */
function debugContainerName(inv: Invocation, spec: Obj): string {
  if (inv.flags.str('container')) return inv.flags.str('container');
  const taken = containerNames(spec);
  let seed = inv.ctx.clock.now() / 1000;
  let name = '';
  while (!name || taken.has(name)) name = `debugger-${debugSuffix(seed++)}`;
  if (!inv.flags.bool('quiet')) inv.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

function debugContainer(inv: Invocation, name: string, command: string[]): Obj {
  const c: Obj = { name, image: inv.flags.str('image'), resources: {}, terminationMessagePolicy: 'File' };
  const env = envOf(inv);
  if (env.length) c.env = env;
  if (inv.flags.str('image-pull-policy')) c.imagePullPolicy = inv.flags.str('image-pull-policy');
  if (command.length) c[inv.flags.bool('arguments-only') ? 'args' : 'command'] = command;
  if (inv.flags.bool('stdin')) c.stdin = true;
  if (inv.flags.bool('tty')) c.tty = true;
  return c;
}

export async function debugByEphemeralContainer(inv: Invocation, conn: Connection, podName: string, command: string[]): Promise<number> {
  const namespace = namespaceOf(inv);
  const pod = getPod(conn, namespace, podName);
  const spec = (pod.spec ?? {}) as Obj;
  const name = debugContainerName(inv, spec);
  const ec = debugContainer(inv, name, command);
  if (inv.flags.str('target')) ec.targetContainerName = inv.flags.str('target');
  const patch = { spec: { ephemeralContainers: [...(spec.ephemeralContainers ?? []), ec] } };
  const res = conn.request<KubeObject>({
    verb: 'patch', group: '', version: 'v1', resource: 'pods', subresource: 'ephemeralcontainers', namespace, name: podName,
    patchType: 'application/strategic-merge-patch+json', body: patch,
  });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  if (!attachWanted(inv)) return 0;
  return attachDebugContainer(inv, conn, namespace, podName, name);
}

export async function debugByCopy(inv: Invocation, conn: Connection, podName: string, command: string[]): Promise<number> {
  const namespace = namespaceOf(inv);
  const pod = getPod(conn, namespace, podName);
  const spec = JSON.parse(JSON.stringify(pod.spec ?? {})) as Obj;
  delete spec.ephemeralContainers;
  if (inv.flags.has('share-processes')) spec.shareProcessNamespace = inv.flags.bool('share-processes');
  if (!inv.flags.bool('same-node')) delete spec.nodeName;
  const setImages = new Map<string, string>();
  for (const pair of inv.flags.list('set-image')) {
    const i = pair.indexOf('=');
    if (i < 0) throw fail(`invalid argument "${pair}" for "--set-image" flag: ${pair} must be formatted as key=value`);
    setImages.set(pair.slice(0, i), pair.slice(i + 1));
  }
  for (const c of (spec.containers ?? []) as Obj[]) {
    const img = setImages.get(String(c.name)) ?? setImages.get('*');
    if (img) c.image = img;
  }
  const meta: Obj = { name: inv.flags.str('copy-to'), namespace };
  if (pod.metadata?.annotations) meta.annotations = pod.metadata.annotations;
  // The legacy profile drops the labels of a copy unless --keep-labels (so Services do not select it).
  if (inv.flags.bool('keep-labels') && pod.metadata?.labels) meta.labels = pod.metadata.labels;
  let name = inv.flags.str('container');
  const existing = ((spec.containers ?? []) as Obj[]).find((c) => c.name === name);
  if (existing) {
    if (command.length) {
      existing[inv.flags.bool('arguments-only') ? 'args' : 'command'] = command;
      if (!inv.flags.bool('arguments-only')) delete existing.args;
    }
    if (inv.flags.str('image')) existing.image = inv.flags.str('image');
    existing.stdin = inv.flags.bool('stdin') || undefined;
    existing.tty = inv.flags.bool('tty') || undefined;
  } else if (inv.flags.str('image')) {
    name = debugContainerName(inv, spec);
    spec.containers = [...(spec.containers ?? []), debugContainer(inv, name, command)];
  } else if (setImages.size === 0) {
    throw fail('you must specify image when creating new container');
  } else name = '';
  const copy: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
  const res = conn.request<KubeObject>({ verb: 'create', group: '', version: 'v1', resource: 'pods', namespace, body: copy });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  if (inv.flags.bool('replace')) {
    const del = conn.request({ verb: 'delete', group: '', version: 'v1', resource: 'pods', namespace, name: podName, query: { gracePeriodSeconds: '0' } });
    if (del.code >= 300) throw new KubectlError(statusText(del.body));
  }
  if (!attachWanted(inv) || !name) return 0;
  return attachDebugContainer(inv, conn, namespace, meta.name, name);
}

function statusOf(pod: KubeObject | undefined, container: string): Obj | undefined {
  const st = (pod?.status ?? {}) as Obj;
  return [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? []), ...(st.ephemeralContainerStatuses ?? [])].find((s: Obj) => s.name === container);
}

/** handleAttachPod: wait for the container to run (warning on waiting messages), then attach. */
export async function attachDebugContainer(inv: Invocation, conn: Connection, namespace: string, podName: string, container: string): Promise<number> {
  let pod: KubeObject | undefined;
  let lastMessage = '';
  for (;;) {
    const res = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name: podName });
    if (res.code === 404) throw fail(`pods "" not found`);
    pod = res.code < 300 ? (res.body as KubeObject) : undefined;
    const s = statusOf(pod, container);
    if (s?.state?.running || s?.state?.terminated) break;
    const message = s?.state?.waiting?.message;
    if (message && message !== lastMessage && !inv.flags.bool('quiet')) inv.err(`Warning: container ${container}: ${message}\n`);
    lastMessage = message ?? lastMessage;
    if (inv.ctx.signal.aborted) return 130;
    await inv.ctx.clock.sleep(1000, inv.ctx.signal);
  }
  const s = statusOf(pod, container);
  if (s?.state?.terminated) {
    const logs = conn.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace, name: podName, query: { container } });
    if (logs.code < 300) inv.out(String(logs.body));
    return 0;
  }
  return attachSession(inv, conn, namespace, pod!, container, { stdin: inv.flags.bool('stdin'), tty: inv.flags.bool('tty') });
}
