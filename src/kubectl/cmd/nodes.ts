/** kubectl cordon, uncordon, drain and taint. */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, raw, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function getNode(conn: Connection, name: string): KubeObject {
  const res = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'nodes', name });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  return res.body as KubeObject;
}

function patchNode(conn: Connection, name: string, body: unknown): void {
  const res = conn.request({ verb: 'patch', group: '', version: 'v1', resource: 'nodes', name, patchType: 'application/merge-patch+json', body });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
}

function setSchedulable(inv: Invocation, conn: Connection, name: string, unschedulable: boolean): void {
  const node = getNode(conn, name);
  const current = Boolean((node.spec as Obj)?.unschedulable);
  if (current === unschedulable) {
    inv.out(`node/${name} already ${unschedulable ? 'cordoned' : 'uncordoned'}\n`);
    return;
  }
  if (inv.flags.str('dry-run') === 'client') {
    inv.out(`node/${name} ${unschedulable ? 'cordoned' : 'uncordoned'} (dry run)\n`);
    return;
  }
  patchNode(conn, name, { spec: { unschedulable: unschedulable ? true : null } });
  inv.out(`node/${name} ${unschedulable ? 'cordoned' : 'uncordoned'}\n`);
}

function cordonLike(path: string, unschedulable: boolean) {
  return async (inv: Invocation): Promise<number> => {
    if (inv.flags.args.length !== 1 && !inv.flags.str('selector')) throw usageError(path, `USAGE: ${path} NODE [flags]`);
    const conn = connect(inv, 4);
    setSchedulable(inv, conn, inv.flags.args[0], unschedulable);
    return 0;
  };
}

async function drain(inv: Invocation): Promise<number> {
  if (inv.flags.args.length !== 1) throw usageError('drain', 'USAGE: drain NODE [flags]');
  const name = inv.flags.args[0];
  const conn = connect(inv, 4);
  setSchedulable(inv, conn, name, true);
  const list = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'pods', query: { fieldSelector: `spec.nodeName=${name}` } });
  const pods = (list.code < 300 ? ((list.body as { items: KubeObject[] }).items ?? []) : []).filter(
    (p) => (p.spec as Obj)?.nodeName === name && !['Succeeded', 'Failed'].includes((p.status as Obj)?.phase),
  );
  const ignoreDs = inv.flags.bool('ignore-daemonsets');
  const force = inv.flags.bool('force');
  const deleteEmptyDir = inv.flags.bool('delete-emptydir-data');
  const dsPods: string[] = [];
  const unmanaged: string[] = [];
  const localStorage: string[] = [];
  const toEvict: KubeObject[] = [];
  for (const p of pods) {
    const id = `${p.metadata?.namespace}/${p.metadata?.name}`;
    if (p.metadata?.annotations?.['kubernetes.io/config.mirror']) continue;
    const ctl = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (ctl?.kind === 'DaemonSet') {
      dsPods.push(id);
      continue;
    }
    if (!ctl) unmanaged.push(id);
    if ((((p.spec as Obj)?.volumes ?? []) as Obj[]).some((v) => v.emptyDir)) localStorage.push(id);
    toEvict.push(p);
  }
  const problems: string[] = [];
  if (dsPods.length && !ignoreDs) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${dsPods.join(', ')}`);
  if (localStorage.length && !deleteEmptyDir) problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${localStorage.join(', ')}`);
  if (unmanaged.length && !force) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
  if (problems.length) {
    const joined = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
    throw raw(`error: unable to drain node "${name}" due to error: ${joined}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${problems.join('\n')}`);
  }
  const warnings: string[] = [];
  if (dsPods.length) warnings.push(`ignoring DaemonSet-managed Pods: ${dsPods.join(', ')}`);
  if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
  if (warnings.length) inv.err(`Warning: ${warnings.join('; ')}\n`);
  for (const p of toEvict) {
    inv.err(`evicting pod ${p.metadata?.namespace}/${p.metadata?.name}\n`);
    const res = conn.request({
      verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'eviction', namespace: p.metadata?.namespace, name: p.metadata?.name,
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata?.name, namespace: p.metadata?.namespace } },
    });
    if (res.code >= 300) throw new KubectlError(`error when evicting pods/"${p.metadata?.name}" -n "${p.metadata?.namespace}" (will retry after 5s): ${(res.body as Obj)?.message ?? ''}`);
  }
  const deadline = inv.ctx.clock.now() + 120_000;
  for (const p of toEvict) {
    for (;;) {
      const res = conn.request({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: p.metadata?.namespace, name: p.metadata?.name });
      if (res.code === 404 || inv.ctx.clock.now() >= deadline || inv.ctx.signal.aborted) break;
      await inv.ctx.clock.sleep(1000, inv.ctx.signal);
    }
    inv.out(`pod/${p.metadata?.name} evicted\n`);
  }
  inv.out(`node/${name} drained\n`);
  return 0;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

async function taint(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length < 2 && !(args.length >= 1 && inv.flags.bool('all'))) {
    throw raw('error: one or more resources must be specified as <resource> <name>');
  }
  const all = inv.flags.bool('all');
  // With --all every argument after the resource type is a taint spec.
  const [type, nodeName, ...specs] = args[0].includes('/') ? [args[0].split('/')[0], args[0].split('/')[1], ...args.slice(1)] : all ? [args[0], '', ...args.slice(1)] : args;
  if (!['node', 'nodes', 'no'].includes(type)) throw fail(`invalid resource type ${type}, only node types are supported`);
  if (specs.length === 0) throw fail('at least one taint update is required');
  const add: Obj[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      // `key-`, `key:effect-` and `key=value:effect-` all remove by key (and effect); the value is ignored.
      const [keyValue, effect] = s.slice(0, -1).split(':');
      remove.push({ key: keyValue.split('=')[0], effect });
      continue;
    }
    const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(s);
    if (!m) throw fail(`invalid taint spec: ${s}`);
    if (!EFFECTS.includes(m[3])) throw fail(`invalid taint effect: ${m[3]}, unsupported taint effect`);
    const t: Obj = { key: m[1], effect: m[3] };
    if (m[2]) t.value = m[2];
    add.push(t);
  }
  const conn = connect(inv);
  if (all) {
    const res = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'nodes' });
    if (res.code >= 300) throw new KubectlError(statusText(res.body));
    let status = 0;
    for (const n of (res.body as { items: KubeObject[] }).items) {
      try {
        taintNode(inv, conn, n.metadata!.name!, add, remove);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        inv.err(`${e.text}\n`);
        status = 1;
      }
    }
    return status;
  }
  taintNode(inv, conn, nodeName, add, remove);
  return 0;
}

function taintNode(inv: Invocation, conn: Connection, nodeName: string, add: Obj[], remove: { key: string; effect?: string }[]): void {
  const node = getNode(conn, nodeName);
  let taints = [...(((node.spec as Obj)?.taints ?? []) as Obj[])];
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    if (taints.length === before) throw fail(`taint "${r.key}${r.effect ? ':' + r.effect : ''}" not found`);
  }
  for (const t of add) {
    const existing = taints.findIndex((x) => x.key === t.key && x.effect === t.effect);
    if (existing >= 0) {
      if (!inv.flags.bool('overwrite')) throw fail(`node ${nodeName} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
      taints[existing] = t;
    } else taints.push(t);
  }
  patchNode(conn, nodeName, { spec: { taints: taints.length ? taints : null } });
  inv.out(`node/${nodeName} ${add.length && !remove.length ? 'tainted' : remove.length && !add.length ? 'untainted' : 'modified'}\n`);
}

register('cordon', cordonLike('cordon', true));
register('uncordon', cordonLike('uncordon', false));
register('drain', drain);
register('taint', taint);
