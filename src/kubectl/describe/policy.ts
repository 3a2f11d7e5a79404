/**
 * Describers of namespace policy objects, after describe.go: ResourceQuota, LimitRange (also the
 * two sections of describe namespace), PriorityClass and Endpoints.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './describers';
import { describeEvents, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import { labelsString } from '../printers/columns/types';

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** A quota's scopes and its Resource/Used/Hard rows (resources sorted by name). */
function quotaBody(w: PrefixWriter, q: KubeObject, level: number, dashes: string): void {
  const scopes = [...(((q.spec as Obj)?.scopes ?? []) as string[])].sort();
  if (scopes.length) {
    w.write(level, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(level, `* ${SCOPE_HELP[s]}\n`);
  }
  w.write(level, 'Resource\tUsed\tHard\n');
  w.write(level, `${dashes}\n`);
  const st = (q.status ?? {}) as Obj;
  const hard = (st.hard ?? {}) as Record<string, string>;
  const used = (st.used ?? {}) as Record<string, string>;
  for (const r of Object.keys(hard).sort()) w.write(level, `${r}\t${used[r] ?? '0'}\t${hard[r]}\n`);
}

export function describeResourceQuota(o: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`);
  quotaBody(w, o, 0, '--------\t----\t----');
  return w.toString();
}

/**
 * A LimitRange's rows: per item, one row per resource any of its lists names, `-` where unset.
 * (kubectl walks a Go map here, so its row order varies between runs; these are sorted.)
 */
function limitRows(w: PrefixWriter, lr: KubeObject, prefix: string): void {
  for (const item of (((lr.spec as Obj)?.limits ?? []) as Obj[])) {
    const lists = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'].map((k) => (item[k] ?? {}) as Record<string, string>);
    const names = [...new Set(lists.flatMap((l) => Object.keys(l)))].sort();
    for (const k of names) w.write(0, `${prefix}${item.type}\t${k}\t${lists.map((l) => l[k] ?? '-').join('\t')}\n`);
  }
}

const LIMIT_HEADER = 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio';
const LIMIT_DASHES = '----\t--------\t---\t---\t---------------\t-------------\t-----------------------';

export function describeLimitRange(o: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`);
  w.write(0, `${LIMIT_HEADER}\n${LIMIT_DASHES}\n`);
  limitRows(w, o, '');
  return w.toString();
}

/** describe namespace's two sections: its quotas (sorted by name) and its limit ranges. */
export function describeNamespacePolicies(w: PrefixWriter, quotas: KubeObject[], limits: KubeObject[]): void {
  w.write(0, '\n');
  if (!quotas.length) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const q of [...quotas].sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)))) {
      w.write(1, `Name:\t${q.metadata?.name ?? ''}\n`);
      quotaBody(w, q, 1, '--------\t---\t---');
    }
  }
  w.write(0, '\n');
  if (!limits.length) w.write(0, 'No LimitRange resource.\n');
  else {
    w.write(0, `Resource Limits\n ${LIMIT_HEADER}\n`);
    w.write(0, ` ${LIMIT_DASHES}\n`);
    for (const lr of limits) limitRows(w, lr, ' ');
  }
}

export function describePriorityClass(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Value:\t${(o as Obj).value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${(o as Obj).globalDefault ?? false}\n`);
  w.write(0, `PreemptionPolicy:\t${(o as Obj).preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${(o as Obj).description ?? ''}\n`);
  // Annotations as labels.FormatLabels prints them: k=v,… sorted, <none> when empty.
  w.write(0, `Annotations:\t${labelsString(o.metadata?.annotations)}\n`);
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}

export function describeEndpoints(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, 'Subsets:\n');
  for (const subset of (((o as Obj).subsets ?? []) as Obj[])) {
    const ips = (list: Obj[] | undefined) => (list ?? []).map((a) => a.ip).join(',') || '<none>';
    w.write(1, `Addresses:\t${ips(subset.addresses)}\n`);
    w.write(1, `NotReadyAddresses:\t${ips(subset.notReadyAddresses)}\n`);
    const ports = (subset.ports ?? []) as Obj[];
    if (ports.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}
