/** Describers for RBAC objects and storage, after describe.go. */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import type { DescribeContext } from './describers';

const goList = (xs: unknown[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** One row per resource (resource.group), per non-resource URL, sorted as kubectl's breakdown. */
function policyRows(rules: Obj[]): string[][] {
  const rows: string[][] = [];
  for (const r of rules) {
    const groups = (r.apiGroups ?? ['']) as string[];
    for (const res of (r.resources ?? []) as string[]) {
      for (const g of groups.length ? groups : ['']) {
        rows.push([g ? `${res}.${g}` : res, '[]', goList(r.resourceNames), goList(r.verbs)]);
      }
    }
    for (const url of (r.nonResourceURLs ?? []) as string[]) rows.push(['', `[${url}]`, '[]', goList(r.verbs)]);
  }
  return rows.sort((a, b) => (a.join('\t') < b.join('\t') ? -1 : 1));
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
  w.write(0, `Node Affinity:\t${spec.nodeAffinity ? '' : '<none>'}\n`);
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
