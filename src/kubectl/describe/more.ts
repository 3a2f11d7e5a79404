/** Describers for RBAC objects and storage, after describe.go. */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import type { DescribeContext } from './describers';

const goList = (xs: unknown[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** One row per resource (resource.group), per non-resource URL, sorted as kubectl's breakdown. */
interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** rbac.BreakdownRule: one rule per group, resource, verb (and resource name); one per URL and verb. */
function breakdown(r: Obj): Rule[] {
  const out: Rule[] = [];
  const names = (r.resourceNames ?? []) as string[];
  for (const g of (r.apiGroups ?? []) as string[])
    for (const res of (r.resources ?? []) as string[])
      for (const v of (r.verbs ?? []) as string[]) {
        if (names.length) for (const n of names) out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
        else out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
      }
  for (const url of (r.nonResourceURLs ?? []) as string[]) for (const v of (r.verbs ?? []) as string[]) out.push({ verbs: [v], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  return out;
}

/** rbac.CompactRules: the verbs of rules on one group/resource(/name) gathered into one rule. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    if (r.apiGroups.length !== 1 || r.resources.length !== 1 || r.resourceNames.length > 1 || r.nonResourceURLs.length) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** PolicyRule's generated String(): what SortableRuleSlice orders by (verbs first). */
function ruleString(r: Rule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `deployments.apps/scale`. */
function resourceGroup(r: Rule): string {
  if (!r.resources.length) return '';
  const [res, sub] = r.resources[0].split(/\/(.*)/s);
  return `${res}${r.apiGroups[0] ? `.${r.apiGroups[0]}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

/** describe role's rows, as describe.go builds them: broken down, compacted, stably sorted. */
function policyRows(rules: Obj[]): string[][] {
  const all = compact(rules.flatMap(breakdown))
    .map((r, i) => ({ r, i, key: ruleString(r) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return all.map(({ r }) => [resourceGroup(r), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
}

export function describeRole(o: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const row of policyRows(((o.rules as Obj[]) ?? []))) w.write(1, `${row.join('\t')}\n`);
  return w.toString();
}

export function describeRoleBinding(o: KubeObject): string {
  const w = new PrefixWriter();
  const ref = (o.roleRef ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Role:\n`);
  w.write(1, `Kind:\t${ref.kind}\n`);
  w.write(1, `Name:\t${ref.name}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of ((o.subjects as Obj[]) ?? [])) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
}

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const modes = (m: string[] | undefined) => (m ?? []).map((x) => MODES[x] ?? x).join(',');

export function describePvc(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  w.write(0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  w.write(0, o.metadata?.deletionTimestamp ? `Status:\tTerminating (lasts ${''})\n` : `Status:\t${st.phase ?? ''}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Finalizers:\t${goList(o.metadata?.finalizers)}\n`);
  const bound = st.phase === 'Bound';
  w.write(0, `Capacity:\t${bound ? st.capacity?.storage ?? '' : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? modes(st.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  const users = ctx
    .related('pods', '', o.metadata?.namespace)
    .filter((p) => (((p.spec as Obj)?.volumes ?? []) as Obj[]).some((v) => v.persistentVolumeClaim?.claimName === o.metadata?.name))
    .map((p) => p.metadata?.name as string)
    .sort();
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.writeLine('<none>');
  else users.forEach((u, i) => w.write(0, `${i ? '\t' : ''}${u}\n`));
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}

export function describePv(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Finalizers:\t${goList(o.metadata?.finalizers)}\n`);
  w.write(0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  w.write(0, `Status:\t${st.phase ?? ''}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace}/${spec.claimRef.name}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${modes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${spec.capacity?.storage ?? ''}\n`);
  printVolumeNodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${st.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (spec.hostPath) {
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  } else if (spec.nfs) {
    w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${Boolean(spec.nfs.readOnly)}\n`);
  } else if (spec.local) {
    w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  } else {
    w.write(2, 'Type:\t<unknown>\n');
  }
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}

/** describe.go's printVolumeNodeAffinity: each required term's expressions as `key op [v1, v2]`. */
function printVolumeNodeAffinity(w: PrefixWriter, affinity: Obj | undefined): void {
  w.write(0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(1, 'Required Terms:\t');
  const terms = (affinity.required.nodeSelectorTerms ?? []) as Obj[];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = (term.matchExpressions ?? []) as Obj[];
    if (reqs.length === 0) w.writeLine('<none>');
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(2, '\t');
      const values = (r.values ?? []) as string[];
      w.write(0, `${r.key} ${String(r.operator).toLowerCase()}${values.length ? ` [${values.join(', ')}]` : ''}\n`);
    });
  });
}
