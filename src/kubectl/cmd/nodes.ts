/** kubectl cordon, uncordon, drain and taint. */
import { aggregate } from '../../sim/go-errors';
import { goDurationMs } from '../../sim/go-parse-duration';
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, raw, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { dryRunOf } from './create/generator';
import { marshalOrder } from '../util/strategic/values';
import { validationDirective } from '../resource/files';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function getNode(conn: Connection, name: string): KubeObject {
  const res = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'nodes', name });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  return res.body as KubeObject;
}

/**
 * A strategic merge patch of a Node (cordon and taint send CreateTwoWayMergePatch's, keys in
 * json.Marshal's order); `fieldManager`: the command's (taint's kubectl-taint), else kubectl's User-Agent names it.
 */
function patchNode(conn: Connection, name: string, body: unknown, fieldManager?: string, dryRun = false, fieldValidation?: string): void {
  const query = { ...(fieldManager ? { fieldManager } : {}), ...(fieldValidation ? { fieldValidation } : {}), ...(dryRun ? { dryRun: 'All' } : {}) };
  const res = conn.request({ verb: 'patch', group: '', version: 'v1', resource: 'nodes', name, patchType: 'application/strategic-merge-patch+json', body: marshalOrder(body), query });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
}

/** What cordon's printer adds to every line of a dry run (it sets the operation before completing the flags with the strategy). */
function dryRunSuffix(inv: Invocation): string {
  const dryRun = dryRunOf(inv);
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

function setSchedulable(inv: Invocation, conn: Connection, name: string, unschedulable: boolean): void {
  const node = getNode(conn, name);
  const current = Boolean((node.spec as Obj)?.unschedulable);
  const suffix = dryRunSuffix(inv);
  if (current === unschedulable) {
    inv.out(`node/${name} already ${unschedulable ? 'cordoned' : 'uncordoned'}${suffix}\n`);
    return;
  }
  // The drain helper's CordonHelper patches through the generated clientset (protobuf Accept).
  if (dryRunOf(inv) !== 'client') conn.typed(() => patchNode(conn, name, { spec: { unschedulable: unschedulable ? true : null } }, undefined, dryRunOf(inv) === 'server'));
  inv.out(`node/${name} ${unschedulable ? 'cordoned' : 'uncordoned'}${suffix}\n`);
}

function cordonLike(path: string, unschedulable: boolean) {
  return async (inv: Invocation): Promise<number> => {
    if (inv.flags.args.length !== 1 && !inv.flags.str('selector')) throw usageError(path, `USAGE: ${path} NODE [flags]`);
    const conn = connect(inv, 4);
    setSchedulable(inv, conn, inv.flags.args[0], unschedulable);
    return 0;
  };
}

/** Go's time.Duration.String() for whole milliseconds: 20s, 1m0s, 1h30m0s, 1.5s, 500ms. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3600e3);
  const m = Math.floor((ms % 3600e3) / 60e3);
  const s = (ms % 60e3) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

/** A Go duration flag value ("20s", "1m30s", "0") in milliseconds. */
export function parseGoDuration(text: string): number {
  return Math.round(goDurationMs(text) ?? 0);
}

interface DrainPlan {
  toEvict: KubeObject[];
  warnings: string[];
  errors: string[];
}

/** GetPodsForDeletion of kubectl's drain helper: which pods go, which are refused, what to warn about. */
function podsForDeletion(inv: Invocation, conn: Connection, name: string): DrainPlan {
  const list = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'pods', query: { fieldSelector: `spec.nodeName=${name}` } });
  const pods = (list.code < 300 ? ((list.body as { items: KubeObject[] }).items ?? []) : []).filter((p) => (p.spec as Obj)?.nodeName === name);
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
    // Finished pods are deleted without any check (the drain helper's skipDeleted / unreplicatedFilter).
    const finished = ['Succeeded', 'Failed'].includes((p.status as Obj)?.phase);
    const ctl = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (ctl?.kind === 'DaemonSet') {
      dsPods.push(id);
      continue;
    }
    if (!ctl && !finished) unmanaged.push(id);
    if (!finished && (((p.spec as Obj)?.volumes ?? []) as Obj[]).some((v) => v.emptyDir)) localStorage.push(id);
    toEvict.push(p);
  }
  const errors: string[] = [];
  if (dsPods.length && !ignoreDs) errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${dsPods.join(', ')}`);
  if (localStorage.length && !deleteEmptyDir) errors.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${localStorage.join(', ')}`);
  if (unmanaged.length && !force) errors.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
  const warnings: string[] = [];
  if (dsPods.length) warnings.push(`ignoring DaemonSet-managed Pods: ${dsPods.join(', ')}`);
  if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
  return { toEvict, warnings, errors };
}

/** One pod's eviction, as the drain helper's per-pod goroutine walks it. */
interface EvictionTask {
  pod: KubeObject;
  phase: 'evict' | 'wait' | 'done';
  /** Simulated instant of the next attempt (evict) or poll (wait). */
  nextAt: number;
}

function podRef(p: KubeObject): { ns: string; name: string } {
  return { ns: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '' };
}

/**
 * evictPods of kubectl's drain helper: every pod is evicted at once; a 429 (a disruption budget
 * allows no disruption) is retried every 5 s until --timeout; an evicted pod is then polled every
 * second until it is gone. Driven as one loop over simulated time so that the attempts of all
 * pods interleave exactly as their goroutines would, whatever the clock mode.
 */
async function evictPods(inv: Invocation, conn: Connection, pods: KubeObject[], timeoutMs: number): Promise<string[] | 'aborted'> {
  const clock = inv.ctx.clock;
  const deadline = timeoutMs > 0 ? clock.now() + timeoutMs : Infinity;
  const timeoutText = formatGoDuration(timeoutMs);
  const errors: string[] = [];
  const tasks: EvictionTask[] = pods.map((pod) => ({ pod, phase: 'evict', nextAt: clock.now() }));
  const getPod = (ns: string, name: string) => conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: ns, name });
  const step = (t: EvictionTask): void => {
    const { ns, name } = podRef(t.pod);
    if (t.phase === 'evict') {
      inv.out(`evicting pod ${ns}/${name}\n`);
      if (clock.now() >= deadline) {
        errors.push(`error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${timeoutText}`);
        t.phase = 'done';
        return;
      }
      if (getPod(ns, name).code === 404) {
        t.phase = 'done';
        return;
      }
      const res = conn.request({
        verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'eviction', namespace: ns, name,
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } },
      });
      if (res.code < 300) {
        t.phase = 'wait';
      } else if (res.code === 404) {
        t.phase = 'done';
        return;
      } else if (res.code === 429) {
        inv.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${(res.body as Obj)?.message ?? ''}\n`);
        t.nextAt = clock.now() + 5000;
        return;
      } else {
        errors.push(`error when evicting pods/"${name}" -n "${ns}": ${(res.body as Obj)?.message ?? ''}`);
        t.phase = 'done';
        return;
      }
    }
    // wait: PollImmediate every second until the pod is gone or replaced by one of another UID.
    const cur = getPod(ns, name);
    if (cur.code === 404 || (cur.code < 300 && (cur.body as KubeObject).metadata?.uid !== t.pod.metadata?.uid)) {
      inv.out(`pod/${name} evicted\n`);
      t.phase = 'done';
    } else if (clock.now() >= deadline) {
      errors.push(`error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${timeoutText}`);
      t.phase = 'done';
    } else t.nextAt = Math.min(clock.now() + 1000, deadline); // the poll also wakes when the deadline passes
  };
  for (;;) {
    for (const t of tasks) if (t.phase !== 'done' && t.nextAt <= clock.now()) step(t);
    const pending = tasks.filter((t) => t.phase !== 'done');
    if (pending.length === 0) return errors;
    // a refused eviction sleeps its full 5 s (time.Sleep) and only then sees the deadline
    const next = Math.min(...pending.map((t) => t.nextAt));
    await clock.sleep(Math.max(0, next - clock.now()), inv.ctx.signal);
    if (inv.ctx.signal.aborted) return 'aborted';
  }
}

/** deletePods of the drain helper (--disable-eviction): delete all, then poll until all are gone. */
async function deletePods(inv: Invocation, conn: Connection, pods: KubeObject[], timeoutMs: number): Promise<string[] | 'aborted'> {
  const clock = inv.ctx.clock;
  const deadline = timeoutMs > 0 ? clock.now() + timeoutMs : Infinity;
  for (const p of pods) {
    const { ns, name } = podRef(p);
    const res = conn.request({ verb: 'delete', group: '', version: 'v1', resource: 'pods', namespace: ns, name });
    if (res.code >= 300 && res.code !== 404) return [(res.body as Obj)?.message ?? statusText(res.body)];
  }
  let pending = [...pods];
  for (;;) {
    pending = pending.filter((p) => {
      const { ns, name } = podRef(p);
      const cur = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: ns, name });
      const gone = cur.code === 404 || (cur.code < 300 && (cur.body as KubeObject).metadata?.uid !== p.metadata?.uid);
      if (gone) inv.out(`pod/${name} deleted\n`);
      return !gone;
    });
    if (pending.length === 0) return [];
    if (clock.now() >= deadline) return [`global timeout reached: ${formatGoDuration(timeoutMs)}`];
    await clock.sleep(Math.min(1000, deadline - clock.now()), inv.ctx.signal);
    if (inv.ctx.signal.aborted) return 'aborted';
  }
}

async function drain(inv: Invocation): Promise<number> {
  if (inv.flags.args.length !== 1) throw usageError('drain', 'USAGE: drain NODE [flags]');
  const name = inv.flags.args[0];
  const conn = connect(inv, 4);
  setSchedulable(inv, conn, name, true);
  // RunDrain: a node whose pods cannot all go is reported, then listed among the pending nodes.
  const unableToDrain = (errors: string[]) =>
    raw(`error: unable to drain node "${name}" due to error: ${aggregate(errors)}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${errors.join('\n')}`);
  const plan = podsForDeletion(inv, conn, name);
  if (plan.errors.length) throw unableToDrain(plan.errors);
  if (plan.warnings.length) inv.err(`Warning: ${plan.warnings.join('; ')}\n`);
  if (inv.flags.str('dry-run') === 'client') {
    for (const p of plan.toEvict) inv.out(`evicting pod ${p.metadata?.namespace}/${p.metadata?.name} (dry run)\n`);
    inv.out(`node/${name} drained (dry run)\n`);
    return 0;
  }
  const timeoutMs = parseGoDuration(inv.flags.str('timeout') || '0s');
  const result = plan.toEvict.length === 0 ? [] : inv.flags.bool('disable-eviction') ? await deletePods(inv, conn, plan.toEvict, timeoutMs) : await evictPods(inv, conn, plan.toEvict, timeoutMs);
  if (result === 'aborted') return 130;
  if (result.length) {
    // deleteOrEvictPodsSimple: the pods still on the node when the error occurred.
    const pending = podsForDeletion(inv, conn, name).toEvict;
    if (pending.length) inv.err(`There are pending pods in node "${name}" when an error occurred: ${aggregate(result)}\n${pending.map((p) => `pod/${p.metadata?.name}\n`).join('')}`);
    throw unableToDrain(result);
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
    if (!EFFECTS.includes(m[3])) throw usageError('taint', `invalid taint effect: ${m[3]}, unsupported taint effect`);
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
  const old = ((node.spec as Obj)?.taints ?? []) as Obj[];
  const overwrite = inv.flags.bool('overwrite');
  const same = (a: Obj, b: Obj) => a.key === b.key && a.effect === b.effect;
  for (const t of add) {
    if (!overwrite && old.some((x) => same(x, t))) throw fail(`node ${nodeName} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
  }
  // As reorganizeTaints: the new taints first, then the old ones they do not replace.
  let taints = [...add, ...old.filter((x) => !add.some((t) => same(x, t)))];
  const added = taints.length !== old.length;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    if (taints.length === before) throw fail(`taint "${r.key}${r.effect ? ':' + r.effect : ''}" not found`);
  }
  const dryRun = dryRunOf(inv);
  // taint sends its --validate directive (fieldValidation=Strict by default), as kubectl 1.33 does.
  if (dryRun !== 'client') patchNode(conn, nodeName, { spec: { taints: taints.length ? taints : null } }, inv.flags.str('field-manager') || 'kubectl-taint', dryRun === 'server', validationDirective(inv));
  const operation = (added && remove.length) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  // No dry-run suffix: taint sets the printer's operation after the strategy completed it, which drops the suffix.
  inv.out(`node/${nodeName} ${operation}\n`);
}

register('cordon', cordonLike('cordon', true));
register('uncordon', cordonLike('uncordon', false));
register('drain', drain);
register('taint', taint);
