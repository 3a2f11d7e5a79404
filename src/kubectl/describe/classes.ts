/** Describers of the cluster's classes, after describe.go: StorageClass and IngressClass. */
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './describers';
import { describeEvents, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import { labelsString } from '../printers/columns/types';


export function describeStorageClass(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const sc = o as Obj;
  const ann = o.metadata?.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${labelsString(ann)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${labelsString(sc.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
  const options = (sc.mountOptions ?? []) as string[];
  if (!options.length) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const opt of options) w.write(1, `${opt}\n`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}

export function describeIngressClass(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Controller:\t${spec.controller ?? ''}\n`);
  if (spec.parameters) {
    w.write(0, 'Parameters:\n');
    if (spec.parameters.apiGroup !== undefined) w.write(1, `APIGroup:\t${spec.parameters.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.parameters.kind ?? ''}\n`);
    w.write(1, `Name:\t${spec.parameters.name ?? ''}\n`);
  }
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}
