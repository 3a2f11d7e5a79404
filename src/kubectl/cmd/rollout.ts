/** kubectl rollout status | history | restart | pause | resume for deployments, daemonsets and statefulsets (undo: rollout-undo.ts). */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, namespaceOf, type Connection } from '../client/connection';
import { isStatus, statusText } from '../client/status';
import { aggregate, checkErr, continueOnErrorResult, errorText, type GoError } from '../client/go-errors';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { describePodTemplate } from '../describe/containers';
import { PrefixWriter } from '../describe/tabwriter';
import { tabwrite } from '../../sim/go-tabwriter';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import type { Target } from '../resource/targets';
import { goErrorOf, infosError, type LatestVisit, visitEach, visitLatest } from './latest-visit';
import { register } from './registry';
import { failOfflineFiles } from '../resource/offline-visit';
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

/** The connection of a rollout subcommand, after its check that something was named. */
export function rolloutConnection(inv: Invocation, args = inv.flags.args): Connection {
  if (args.length === 0 && inv.flags.list('filename').length === 0) {
    throw new KubectlError(`error: required resource not specified`);
  }
  return connect(inv, 4);
}

/** The objects a rollout subcommand visits: decoded with kubectl's typed scheme, fetched again (Latest). */
export async function rolloutVisit(inv: Invocation, args = inv.flags.args): Promise<{ conn: Connection; visit: LatestVisit }> {
  if (args.length > 0 || inv.flags.list('filename').length > 0) await failOfflineFiles(inv);
  const conn = rolloutConnection(inv, args);
  return { conn, visit: await visitLatest(inv, conn, args, { typedScheme: true }) };
}

/** The viewer check of status and history: only the kinds that have one. */
function checkViewer(t: Target, what: string): void {
  if (!SUPPORTED.includes(t.mapping.resource)) throw fail(`no ${what} has been implemented for ${t.mapping.kind}`);
}

/** A visit's error as CheckErr prints it (nothing for none). */
function failWith(err: GoError | undefined): number {
  if (err !== undefined) throw checkErr(err);
  return 0;
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
  const { conn, visit } = await rolloutVisit(inv);
  const timeout = parseTimeout(inv.flags.str('timeout'));
  // The status visit ignores the visitors' errors in turn (its function takes no error): they come last.
  const outer: GoError[] = [];
  for (const { target: t } of visit.objects) {
    try {
      checkViewer(t, 'status viewer');
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
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      outer.push(goErrorOf(e));
    }
  }
  return failWith(continueOnErrorResult(outer, visit.inner));
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
  const { conn, visit } = await rolloutVisit(inv);
  const wanted = inv.flags.int('revision');
  return failWith(visitEach(visit, ({ target: t, live }) => {
    checkViewer(t, 'status viewer');
    if (!t.name) throw fail(`failed to retrieve ${t.mapping.kind.toLowerCase()} : resource name may not be empty`);
    const o = { apiVersion: `${t.mapping.group}/${t.mapping.version}`, kind: t.mapping.kind, ...live };
    const revs = revisions(conn, o);
    if (wanted > 0) {
      const rs = revs.get(wanted);
      if (!rs) throw fail(`unable to find the specified revision`);
      inv.out(`${qualifiedName(o)} with revision #${wanted}\n${printTemplate((rs.spec as Obj)?.template ?? (rs.data as Obj)?.spec?.template)}\n`);
      return;
    }
    let table = 'REVISION\tCHANGE-CAUSE\n';
    for (const rev of [...revs.keys()].sort((a, b) => a - b)) {
      const cause = revs.get(rev)!.metadata?.annotations?.['kubernetes.io/change-cause'] || '<none>';
      table += `${rev}\t${cause}\n`;
    }
    inv.out(`${qualifiedName(o)} \n${tabwrite(table)}\n`);
  }));
}

/**
 * restart, pause and resume (RunRestart, RunPause): the objects found (Infos, its error kept as the
 * first of all), each one's change a strategic merge patch; every error is gathered and returned
 * as one aggregate, so that even one prints as a plain line.
 */
function patchEach(word: string, change: (t: Target, live: KubeObject, inv: Invocation) => unknown) {
  return async (inv: Invocation): Promise<number> => {
    const spec = checkOutputFormat(inv.flags.str('output'));
    const { conn, visit } = await rolloutVisit(inv);
    const allErrs: GoError[] = [];
    const first = infosError(visit);
    if (first !== undefined) allErrs.push(first);
    for (const { target: t, live } of visit.objects) {
      let body: unknown;
      try {
        body = change(t, live, inv);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        allErrs.push(`error: ${t.mapping.resource}${t.mapping.group ? `.${t.mapping.group}` : ''} ${JSON.stringify(t.name)} ${goErrorOf(e)}`);
        continue;
      }
      const res = conn.request<KubeObject>({
        verb: 'patch', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
        patchType: 'application/strategic-merge-patch+json', body, query: { fieldManager: inv.flags.str('field-manager') || 'kubectl-rollout' },
      });
      if (res.code >= 300) {
        allErrs.push(`failed to patch: ${errorText(isStatus(res.body) ? res.body : statusText(res.body))}`);
        continue;
      }
      const o = { apiVersion: `${t.mapping.group}/${t.mapping.version}`, kind: t.mapping.kind, ...(res.body as KubeObject) };
      if (!printStructured(inv, spec, o)) inv.out(`${qualifiedName(o)} ${word}\n`);
    }
    if (allErrs.length === 0 && visit.objects.length === 0) inv.err(`No resources found in ${namespaceOf(inv)} namespace.\n`);
    return failWith(aggregate(allErrs));
  };
}

const restart = patchEach('restarted', (t, o, inv) => {
  if (!SUPPORTED.includes(t.mapping.resource)) throw new KubectlError(`restarting is not supported`);
  if ((o.spec as Obj)?.paused) throw new KubectlError(`can't restart paused deployment (run rollout resume first)`);
  return { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': inv.ctx.clock.rfc3339() } } } } };
});

function pauseLike(paused: boolean) {
  return patchEach(paused ? 'paused' : 'resumed', (t, o) => {
    if (o.kind !== 'Deployment' && t.mapping.kind !== 'Deployment') throw new KubectlError(`${paused ? 'pausing' : 'resuming'} is not supported`);
    if (Boolean((o.spec as Obj)?.paused) === paused) throw new KubectlError(paused ? 'is already paused' : 'is not paused');
    return { spec: { paused: paused ? true : null } };
  });
}

register('rollout status', status);
register('rollout history', history);
register('rollout restart', restart);
register('rollout pause', pauseLike(true));
register('rollout resume', pauseLike(false));
