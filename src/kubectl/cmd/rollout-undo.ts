/**
 * kubectl rollout undo, as kubectl's rollbackers do it (polymorphichelpers/rollback.go): a
 * Deployment gets a JSON patch replacing its pod template (the ReplicaSet's, re-encoded from its Go
 * type) and its annotations; a DaemonSet or a StatefulSet gets the ControllerRevision's data, a
 * strategic merge patch, sent as it is.
 */
import type { KubeObject, Status } from '../../sim/apiserver/types';
import { goJson } from '../../sim/go-json';
import type { Connection } from '../client/connection';
import { fail, KubectlError } from '../errors';
import type { Invocation } from '../invocation';
import { qualifiedName } from '../printers/output';
import type { Target } from '../resource/targets';
import { goTyped, restorePatch } from '../../sim/go-typed';
import { printTemplate, rolloutVisit } from './rollout';
import { checkErr } from '../client/go-errors';
import { visitEach } from './latest-visit';
import { register } from './registry';
import { selectorString } from '../printers/columns/types';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REVISION = 'deployment.kubernetes.io/revision';
const TEMPLATE_HASH = 'pod-template-hash';

/** Annotations a rollback keeps from the Deployment and does not take from the ReplicaSet (annotationsToSkip). */
const KEPT_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** What one rollback did: the operation printed after the object's name. */
type Rollback = (conn: Connection, t: Target, o: KubeObject, toRevision: number, dryRun: string) => string;

function revisionNotFound(rev: number): Error {
  return fail(`unable to find specified revision ${rev} in history`);
}

/** The objects of `resource` its selector matches in the workload's namespace that it controls. */
function controlled(conn: Connection, o: KubeObject, resource: string): KubeObject[] {
  const selector = selectorString((o.spec as Obj | undefined)?.selector as Obj | undefined);
  const query = selector === '<none>' ? undefined : { labelSelector: selector };
  const res = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: 'apps', version: 'v1', resource, namespace: o.metadata?.namespace, query });
  const items = res.code < 300 ? (res.body as { items: KubeObject[] }).items ?? [] : [];
  return items.filter((x) => (x.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === o.metadata?.uid));
}

/** Sends the restoring patch; a server error reads `failed restoring revision N: <message>`. */
function restore(conn: Connection, t: Target, patchType: 'application/json-patch+json' | 'application/strategic-merge-patch+json', body: unknown, toRevision: number, dryRun: string): void {
  const res = conn.request({
    verb: 'patch', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
    patchType, body, ...(dryRun === 'server' ? { query: { dryRun: 'All' } } : {}),
  });
  if (res.code >= 300) throw fail(`failed restoring revision ${toRevision}: ${(res.body as Status).message ?? ''}`);
}

/** The template without the ReplicaSet's pod-template-hash label, compared as the Go objects would be. */
function withoutHash(template: Obj | undefined): Obj {
  const copy = JSON.parse(JSON.stringify(template ?? {})) as Obj;
  if (copy.metadata?.labels) delete copy.metadata.labels[TEMPLATE_HASH];
  return copy;
}

function sameTemplate(a: Obj | undefined, b: Obj | undefined): boolean {
  return goJson(goTyped(withoutHash(a), 'core.v1.PodTemplateSpec')) === goJson(goTyped(withoutHash(b), 'core.v1.PodTemplateSpec'));
}

/** The ReplicaSet to go back to: of revision `toRevision`, or the newest but one (deploymentRevision). */
function deploymentRevision(conn: Connection, d: KubeObject, toRevision: number): KubeObject {
  const byRevision = controlled(conn, d, 'replicasets')
    .filter((rs) => /^\d+$/.test(rs.metadata?.annotations?.[REVISION] ?? ''))
    .map((rs) => ({ rs, rev: Number(rs.metadata!.annotations![REVISION]) }));
  if (toRevision > 0) {
    const found = byRevision.find((x) => x.rev === toRevision);
    if (!found) throw revisionNotFound(toRevision);
    return found.rs;
  }
  const sorted = byRevision.sort((a, b) => b.rev - a.rev);
  if (sorted.length < 2) throw fail(`no rollout history found for deployment "${d.metadata?.name}"`);
  return sorted[1].rs;
}

const rollbackDeployment: Rollback = (conn, t, d, toRevision, dryRun) => {
  const rs = deploymentRevision(conn, d, toRevision);
  const template = (rs.spec as Obj)?.template as Obj | undefined;
  if (dryRun === 'client') return printTemplate(template);
  if ((d.spec as Obj)?.paused) throw fail(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
  if (sameTemplate(template, (d.spec as Obj)?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (KEPT_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!KEPT_ANNOTATIONS.has(k)) annotations[k] = v;
  const sorted = Object.fromEntries(Object.keys(annotations).sort().map((k) => [k, annotations[k]]));
  const patch = [
    { op: 'replace', path: '/spec/template', value: goTyped(withoutHash(template), 'core.v1.PodTemplateSpec') },
    { op: 'replace', path: '/metadata/annotations', value: sorted },
  ];
  restore(conn, t, 'application/json-patch+json', patch, toRevision, dryRun);
  return 'rolled back';
};

/** DaemonSet and StatefulSet: their ControllerRevisions hold the strategic merge patch that restores them. */
function revisionRollback(definition: string): Rollback {
  return (conn, t, o, toRevision, dryRun) => {
    const history = controlled(conn, o, 'controllerrevisions').sort((a, b) => Number(a.revision ?? 0) - Number(b.revision ?? 0));
    if (toRevision === 0 && history.length <= 1) throw fail('no last revision to roll back to');
    const to = toRevision === 0 ? history[history.length - 2] : history.find((h) => Number(h.revision ?? 0) === toRevision);
    if (!to) throw revisionNotFound(toRevision);
    const data = (to.data ?? {}) as Obj;
    if (dryRun === 'client') {
      // The revision's template replaces the workload's ($patch: replace).
      const { $patch: _, ...template } = (data.spec?.template ?? {}) as Obj;
      return `will roll back to ${printTemplate(template)}`;
    }
    // Already there when the workload's own patch (its template, keys sorted as Go writes a map)
    // is byte for byte the revision's data as the server sent it.
    if (goJson(restorePatch(o, definition), false) === goJson(data, false)) return `skipped rollback (current template already matches revision ${toRevision})`;
    restore(conn, t, 'application/strategic-merge-patch+json', data, toRevision, dryRun);
    return 'rolled back';
  };
}

const ROLLBACKERS: Record<string, Rollback> = {
  Deployment: rollbackDeployment,
  DaemonSet: revisionRollback('apps.v1.DaemonSet'),
  StatefulSet: revisionRollback('apps.v1.StatefulSet'),
};

/** The kinds kubectl's polymorphic helpers know (apps.GroupKindElement's visitor), by group: the others have no visitor at all. */
const VISITED_KINDS: Record<string, string[]> = {
  '': ['Pod', 'ReplicationController'],
  apps: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  batch: ['Job', 'CronJob'],
};

/** RollbackerFor's error for a kind without a rollbacker, the kind as a GroupKind prints (Kind.group). */
function noRollbacker(t: Target): Error {
  const { group, kind } = t.mapping;
  const groupKind = group ? `${kind}.${group}` : kind;
  if (VISITED_KINDS[group]?.includes(kind)) return fail(`no rollbacker has been implemented for "${groupKind}"`);
  return fail(`error retrieving rollbacker for "${groupKind}", no visitor method exists for {${group} ${kind}}`);
}

async function undo(inv: Invocation): Promise<number> {
  const { conn, visit } = await rolloutVisit(inv);
  const toRevision = inv.flags.int('to-revision');
  const dryRun = inv.flags.str('dry-run');
  // r.Visit with ContinueOnError: each object's error in turn, the visitors' own last.
  const err = visitEach(visit, ({ target: t, live }) => {
    const rollback = t.mapping.group === 'apps' ? ROLLBACKERS[t.mapping.kind] : undefined;
    if (!rollback) throw noRollbacker(t);
    const o = { apiVersion: `${t.mapping.group}/${t.mapping.version}`, kind: t.mapping.kind, ...live };
    if (toRevision < 0) throw revisionNotFound(toRevision);
    // The rollbackers work through the generated clientset, from the workload read again.
    const operation = conn.typed(() => {
      const again = conn.request<KubeObject>({ verb: 'get', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name });
      return rollback(conn, t, again.code < 300 ? { ...(again.body as KubeObject), kind: o.kind, apiVersion: o.apiVersion } : o, toRevision, dryRun);
    });
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    inv.out(`${qualifiedName(o)} ${operation}${suffix}\n`);
  });
  if (err !== undefined) throw checkErr(err);
  return 0;
}

register('rollout undo', undo);
