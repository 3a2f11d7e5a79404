/** Tables of networking, RBAC, policy, scheduling, storage, coordination and discovery resources. */
import type { KubeObject } from '../../../sim/apiserver/types';
import { age, humanDuration } from '../duration';
import { cols, selectorString, spec, status, type Obj, type TableDef } from './types';

const name = (o: KubeObject) => o.metadata?.name ?? '';
const created = (o: KubeObject, now: number) => age(o.metadata?.creationTimestamp, now);

export const ingresses: TableDef = {
  columns: cols(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']),
  cells(o, now) {
    const sp = spec(o);
    const hosts = ((sp.rules ?? []) as Obj[]).map((r) => r.host).filter(Boolean) as string[];
    let hostText = hosts.length === 0 ? '*' : hosts.slice(0, 3).join(',');
    if (hosts.length > 3) hostText += ` + ${hosts.length - 3} more...`;
    const addrs = ((status(o).loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip || i.hostname).filter(Boolean);
    return [name(o), sp.ingressClassName || '<none>', hostText, addrs.join(','), (sp.tls ?? []).length ? '80, 443' : '80', created(o, now)];
  },
};

export const ingressclasses: TableDef = {
  columns: cols(['Name', 'Controller', 'Parameters', 'Age']),
  cells(o, now) {
    const p = spec(o).parameters as Obj | undefined;
    const params = p ? `${p.kind}/${p.name}` : '<none>';
    return [name(o), spec(o).controller ?? '', params, created(o, now)];
  },
};

export const networkpolicies: TableDef = {
  columns: cols(['Name', 'Pod-Selector', 'Age']),
  cells(o, now) {
    const sel = selectorString(spec(o).podSelector);
    return [name(o), sel === '<none>' ? '<none>' : sel, created(o, now)];
  },
};

/** Roles and cluster roles have no printer: the default table is NAME and CREATED AT. */
export const roles: TableDef = {
  columns: cols(['Name', 'Created At']),
  cells: (o) => [name(o), String(o.metadata?.creationTimestamp ?? '')],
};
export const clusterroles = roles;

export const rolebindings: TableDef = {
  columns: cols(['Name', 'Role', 'Age'], ['Users', 'Groups', 'ServiceAccounts']),
  cells(o, now) {
    const ref = (o.roleRef as Obj) ?? {};
    const subjects = ((o.subjects as Obj[]) ?? []);
    const of = (kind: string) => subjects.filter((s) => s.kind === kind);
    return [
      name(o), `${ref.kind}/${ref.name}`, created(o, now), of('User').map((s) => s.name).join(', '), of('Group').map((s) => s.name).join(', '),
      of('ServiceAccount').map((s) => `${s.namespace ?? ''}/${s.name}`).join(', '),
    ];
  },
};
export const clusterrolebindings = rolebindings;

export const poddisruptionbudgets: TableDef = {
  columns: cols(['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']),
  cells(o, now) {
    const sp = spec(o);
    return [
      name(o), sp.minAvailable !== undefined ? String(sp.minAvailable) : 'N/A', sp.maxUnavailable !== undefined ? String(sp.maxUnavailable) : 'N/A',
      String(status(o).disruptionsAllowed ?? 0), created(o, now),
    ];
  },
};

export const priorityclasses: TableDef = {
  columns: cols(['Name', 'Value', 'Global-Default', 'Age'], ['PreemptionPolicy']),
  cells: (o, now) => [name(o), String(o.value ?? 0), String(Boolean(o.globalDefault)), created(o, now), String(o.preemptionPolicy ?? '')],
};

export const storageclasses: TableDef = {
  columns: cols(['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']),
  cells(o, now) {
    const isDefault = o.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${name(o)} (default)` : name(o), String(o.provisioner ?? ''), String(o.reclaimPolicy ?? 'Delete'),
      String(o.volumeBindingMode ?? 'Immediate'), String(Boolean(o.allowVolumeExpansion)), created(o, now),
    ];
  },
};

export const leases: TableDef = {
  columns: cols(['Name', 'Holder', 'Age']),
  cells: (o, now) => [name(o), spec(o).holderIdentity ?? '', created(o, now)],
};

export const endpointslices: TableDef = {
  columns: cols(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']),
  cells(o, now) {
    const ports = ((o.ports as Obj[]) ?? []).map((p) => String(p.port ?? ''));
    const addrs = ((o.endpoints as Obj[]) ?? []).flatMap((e) => (e.addresses ?? []) as string[]);
    let ep = addrs.length ? addrs.slice(0, 3).join(',') : '<unset>';
    if (addrs.length > 3) ep += ` + ${addrs.length - 3} more...`;
    return [name(o), String(o.addressType ?? ''), ports.length ? ports.join(',') : '<unset>', ep, created(o, now)];
  },
};

export const customresourcedefinitions: TableDef = {
  columns: cols(['Name', 'Created At']),
  cells: (o) => [name(o), String(o.metadata?.creationTimestamp ?? '')],
};

export const certificatesigningrequests: TableDef = {
  columns: cols(['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']),
  cells(o, now) {
    const sp = spec(o);
    const conds = ((status(o).conditions ?? []) as Obj[]).map((c) => c.type);
    let cond = conds.length ? conds.join(',') : 'Pending';
    if (status(o).certificate && conds.includes('Approved')) cond = 'Approved,Issued';
    return [name(o), created(o, now), sp.signerName ?? '', sp.username ?? '', sp.expirationSeconds ? humanDuration(sp.expirationSeconds * 1000) : '<none>', cond];
  },
};

/** kube-aggregator's table: SERVICE is Local or namespace/name; AVAILABLE carries the reason when False. */
export const apiservices: TableDef = {
  columns: cols(['Name', 'Service', 'Available', 'Age']),
  cells(o, now) {
    const svc = spec(o).service as Obj | undefined;
    const cond = ((status(o).conditions ?? []) as Obj[]).find((c) => c.type === 'Available');
    const available = !cond ? 'Unknown' : cond.status === 'True' ? 'True' : `${cond.status} (${cond.reason})`;
    return [o.metadata?.name ?? '', svc ? `${svc.namespace}/${svc.name}` : 'Local', available, age(o.metadata?.creationTimestamp, now)];
  },
};
