/** kubectl rollout status | history | restart | pause | resume for deployments, daemonsets and statefulsets (undo: rollout-undo.ts). */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { describePodTemplate } from '../describe/containers';
import { PrefixWriter } from '../describe/tabwriter';
import { tabwrite } from '../../sim/go-tabwriter';
import { qualifiedName } from '../printers/output';
import { resolveTargets, type Target } from '../resource/targets';
import { register } from './registry';
import { selectorString } from '../printers/columns/types';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SUPPORTED = ['deployments', 'daemonsets', 'statefulsets'];

/** A pod template as describe writes it, without a tabwriter (polymorphichelpers' printTemplate): tabs stay tabs. */
export function printTemplate(template: Obj | undefined): string {
  const w = new PrefixWriter();
  describePodTemplate(w, template);
  return w.untabbed();
}

/** The workload a target names, with its apiVersion and kind. */
export function getTarget(conn: Connection, t: Target): KubeObject {
  const res = conn.request<KubeObject>({ verb: 'get', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  return { apiVersion: `${t.mapping.group}/${t.mapping.version}`, kind: t.mapping.kind, ...(res.body as KubeObject) };
}

/**
 * A strategic merge patch of the workload under restart's, pause's and resume's field manager
 * (--field-manager, default kubectl-rollout): kubectl computes it between the object and its changed copy.
 */
function patch(inv: Invocation, conn: Connection, t: Target, body: unknown): KubeObject {
  const res = conn.request<KubeObject>({
    verb: 'patch', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
    patchType: 'application/strategic-merge-patch+json', body, query: { fieldManager: inv.flags.str('field-manager') || 'kubectl-rollout' },
  });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  return res.body as KubeObject;
}

/** The targets of a rollout subcommand; unless `anyKind` (undo judges kinds itself), only the kinds with a status viewer. */
export async function targetsOf(inv: Invocation, args = inv.flags.args, anyKind = false): Promise<{ conn: Connection; targets: Target[] }> {
  if (args.length === 0 && inv.flags.list('filename').length === 0) {
    throw new KubectlError(`error: required resource not specified`);
  }
  const conn = connect(inv, 4);
  const { targets, errors } = await resolveTargets(inv, conn, { args });
  if (errors.length) throw new KubectlError(errors.join('\n'));
  for (const t of anyKind ? [] : targets) {
    if (!SUPPORTED.includes(t.mapping.resource)) throw fail(`no status viewer has been implemented for ${t.mapping.kind}`);
  }
  return { conn, targets };
}

/** One line of rollout progress, and whether the rollout is done (polymorphichelpers/rollout_status.go). */
export function rolloutStatus(o: KubeObject): { text: string; done: boolean } {
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  const name = o.metadata?.name;
  const generation = o.metadata?.generation ?? 0;
  if (o.kind === 'Deployment') {
    if (generation > (st.observedGeneration ?? 0)) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
    const progressing = ((st.conditions ?? []) as Obj[]).find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') throw fail(`deployment "${name}" exceeded its progress deadline`);
    const replicas = spec.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < replicas) return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    if ((st.replicas ?? 0) > updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((st.availableReplicas ?? 0) < updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  if (o.kind === 'DaemonSet') {
    if (generation > (st.observedGeneration ?? 0)) return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const desired = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < desired) return { text: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
    if ((st.numberAvailable ?? 0) < desired) return { text: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
    return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  if (!st.observedGeneration || generation > st.observedGeneration) return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = spec.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < replicas) return { text: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  if (st.updateRevision !== st.currentRevision) {
    return { text: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
  }
  return { text: `statefulset rolling update complete ${st.currentReplicas ?? replicas} pods at revision ${st.currentRevision}...\n`, done: true };
}

function parseTimeout(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(n) * (unit === 'h' ? 3600e3 : unit === 'm' ? 60e3 : unit === 's' ? 1e3 : 1);
  return ms;
}

async function status(inv: Invocation): Promise<number> {
  const { conn, targets } = await targetsOf(inv);
  const timeout = parseTimeout(inv.flags.str('timeout'));
  for (const t of targets) {
    const deadline = inv.ctx.clock.now() + (timeout > 0 ? timeout : 600_000);
    let last = '';
    for (;;) {
      const s = rolloutStatus(getTarget(conn, t));
      if (s.text !== last) inv.out(s.text);
      last = s.text;
      if (s.done || !inv.flags.bool('watch')) break;
      if (inv.ctx.signal.aborted) return 130;
      if (inv.ctx.clock.now() >= deadline) throw fail('timed out waiting for the condition');
      await inv.ctx.clock.sleep(1000, inv.ctx.signal);
    }
  }
  return 0;
}

/**
 * The ReplicaSets (or ControllerRevisions) of a workload, by revision number. The history viewer
 * reads through the generated clientset: the workload again, then the revisions its selector
 * matches, those it owns kept.
 */
function revisions(conn: Connection, o: KubeObject): Map<number, KubeObject> {
  const ns = o.metadata?.namespace;
  const out = new Map<number, KubeObject>();
  const resource = o.kind === 'Deployment' ? 'replicasets' : 'controllerrevisions';
  const base = { group: 'apps', version: 'v1', namespace: ns };
  conn.typed(() => {
    const again = conn.request<KubeObject>({ verb: 'get', ...base, resource: `${o.kind!.toLowerCase()}s`, name: o.metadata?.name });
    const current = again.code < 300 ? (again.body as KubeObject) : o;
    const uid = current.metadata?.uid;
    const selector = selectorString((current.spec as Obj | undefined)?.selector as Obj | undefined);
    const query = selector === '<none>' ? {} : { labelSelector: selector };
    const res = conn.request<{ items: KubeObject[] }>({ verb: 'list', ...base, resource, query });
    for (const item of res.code < 300 ? (res.body as { items: KubeObject[] }).items ?? [] : []) {
      if (!(item.metadata?.ownerReferences ?? []).some((r) => r.uid === uid)) continue;
      const rev = resource === 'replicasets' ? Number(item.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) : Number(item.revision ?? 0);
      out.set(rev, item);
    }
  });
  return out;
}

async function history(inv: Invocation): Promise<number> {
  const { conn, targets } = await targetsOf(inv);
  for (const t of targets) {
    const o = getTarget(conn, t);
    const revs = revisions(conn, o);
    const wanted = inv.flags.int('revision');
    if (wanted > 0) {
      const rs = revs.get(wanted);
      if (!rs) throw fail(`unable to find the specified revision`);
      inv.out(`${qualifiedName(o)} with revision #${wanted}\n${printTemplate((rs.spec as Obj)?.template ?? (rs.data as Obj)?.spec?.template)}\n`);
      continue;
    }
    let table = 'REVISION\tCHANGE-CAUSE\n';
    for (const rev of [...revs.keys()].sort((a, b) => a - b)) {
      const cause = revs.get(rev)!.metadata?.annotations?.['kubernetes.io/change-cause'] || '<none>';
      table += `${rev}\t${cause}\n`;
    }
    inv.out(`${qualifiedName(o)} \n${tabwrite(table)}\n`);
  }
  return 0;
}

async function restart(inv: Invocation): Promise<number> {
  const { conn, targets } = await targetsOf(inv);
  for (const t of targets) {
    const o = getTarget(conn, t);
    if ((o.spec as Obj)?.paused) throw fail(`can't restart paused deployment (run rollout resume first)`);
    patch(inv, conn, t, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': inv.ctx.clock.rfc3339() } } } } });
    inv.out(`${qualifiedName(o)} restarted\n`);
  }
  return 0;
}

function pauseLike(paused: boolean) {
  return async (inv: Invocation): Promise<number> => {
    const { conn, targets } = await targetsOf(inv);
    const word = paused ? 'paused' : 'resumed';
    for (const t of targets) {
      const o = getTarget(conn, t);
      if (o.kind !== 'Deployment') throw fail(`${paused ? 'pausing' : 'resuming'} is not supported`);
      if (Boolean((o.spec as Obj)?.paused) === paused) {
        throw fail(`${t.mapping.resource}.${t.mapping.group} "${t.name}" ${paused ? 'is already paused' : 'is not paused'}`);
      }
      patch(inv, conn, t, { spec: { paused: paused ? true : null } });
      inv.out(`${qualifiedName(o)} ${word}\n`);
    }
    return 0;
  };
}

register('rollout status', status);
register('rollout history', history);
register('rollout restart', restart);
register('rollout pause', pauseLike(true));
register('rollout resume', pauseLike(false));
