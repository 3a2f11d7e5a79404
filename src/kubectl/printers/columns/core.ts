/** Tables of the core group, after pkg/printers/internalversion/printers.go. */
import type { KubeObject } from '../../../sim/apiserver/types';
import { age, humanDuration } from '../duration';
import { cols, labelsString, spec, status, type Obj, type TableDef } from './types';

const NO_NAMES: ReadonlySet<unknown> = new Set();

function podStatusReason(pod: KubeObject, now: number): { ready: string; reason: string; restarts: string } {
  const st = status(pod);
  const sp = spec(pod);
  const containers = (sp.containers ?? []) as Obj[];
  const initContainers = (sp.initContainers ?? []) as Obj[];
  const restartableInit = initContainers.length ? new Set(initContainers.filter((c) => c.restartPolicy === 'Always').map((c) => c.name)) : NO_NAMES;
  let total = containers.length + restartableInit.size;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let reason: string = st.reason || st.phase || 'Unknown';
  const noteRestart = (cs: Obj) => {
    restarts += cs.restartCount ?? 0;
    const t = cs.lastState?.terminated?.finishedAt;
    if (t) lastRestart = Math.max(lastRestart, Date.parse(t));
  };
  let initializing = false;
  const initStatuses = (st.initContainerStatuses ?? []) as Obj[];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    noteRestart(cs);
    if (restartableInit.has(cs.name) && cs.started && cs.ready) ready++;
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartableInit.has(cs.name) && cs.started) continue;
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    restarts = 0;
    lastRestart = 0;
    for (const cs of initStatuses) noteRestart(cs);
    let hasRunning = false;
    const statuses = (st.containerStatuses ?? []) as Obj[];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      noteRestart(cs);
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = ((st.conditions ?? []) as Obj[]).find((c) => c.type === 'Ready');
      reason = readyCond?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  total = Math.max(total, containers.length);
  const restartText = lastRestart > 0 && restarts > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, reason, restarts: restartText };
}

export const pods: TableDef = {
  columns: cols(['Name', 'Ready', 'Status', 'Restarts', 'Age'], ['IP', 'Node', 'Nominated Node', 'Readiness Gates']),
  cells(o, now) {
    const r = podStatusReason(o, now);
    const st = status(o);
    const gates = (spec(o).readinessGates ?? []) as Obj[];
    const gateText = gates.length
      ? `${gates.filter((g) => ((st.conditions ?? []) as Obj[]).some((c) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`
      : '<none>';
    return [
      o.metadata?.name ?? '', r.ready, r.reason, r.restarts, age(o.metadata?.creationTimestamp, now),
      st.podIP || '<none>', spec(o).nodeName || '<none>', st.nominatedNodeName || '<none>', gateText,
    ];
  },
};

export const nodes: TableDef = {
  columns: cols(['Name', 'Status', 'Roles', 'Age', 'Version'], ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']),
  cells(o, now) {
    const st = status(o);
    const ready = ((st.conditions ?? []) as Obj[]).find((c) => c.type === 'Ready');
    // printNode: "Not"+type for any status but True (an Unknown Ready condition prints NotReady).
    let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
    if (spec(o).unschedulable) s += ',SchedulingDisabled';
    const labels = (o.metadata?.labels ?? {}) as Record<string, string>;
    const roles = new Set<string>();
    for (const k of Object.keys(labels)) {
      if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
      if (k === 'kubernetes.io/role') roles.add(labels[k]);
    }
    const addr = (t: string) => ((st.addresses ?? []) as Obj[]).find((a) => a.type === t)?.address || '<none>';
    const info = (st.nodeInfo ?? {}) as Obj;
    return [
      o.metadata?.name ?? '', s, roles.size ? [...roles].sort().join(',') : '<none>', age(o.metadata?.creationTimestamp, now),
      info.kubeletVersion ?? '', addr('InternalIP'), addr('ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

function servicePorts(ports: Obj[] | undefined): string {
  if (!ports || ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export const services: TableDef = {
  columns: cols(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'], ['Selector']),
  cells(o, now) {
    const sp = spec(o);
    const type = sp.type ?? 'ClusterIP';
    let external = '<none>';
    if (type === 'ExternalName') external = sp.externalName ?? '<none>';
    else if (type === 'LoadBalancer') {
      const ing = ((status(o).loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip || i.hostname).filter(Boolean);
      const all = [...ing, ...((sp.externalIPs ?? []) as string[])];
      external = all.length ? all.join(',') : '<pending>';
    } else if ((sp.externalIPs ?? []).length) external = (sp.externalIPs as string[]).join(',');
    const sel = sp.selector as Record<string, string> | undefined;
    return [
      o.metadata?.name ?? '', type, sp.clusterIP || '<none>', external, servicePorts(sp.ports), age(o.metadata?.creationTimestamp, now),
      sel && Object.keys(sel).length ? labelsString(sel) : '<none>',
    ];
  },
};

const simpleCount = (field: (o: KubeObject) => number) => (o: KubeObject, now: number) => [o.metadata?.name ?? '', String(field(o)), age(o.metadata?.creationTimestamp, now)];

export const configmaps: TableDef = {
  columns: cols(['Name', 'Data', 'Age']),
  cells: simpleCount((o) => Object.keys((o.data as Obj) ?? {}).length + Object.keys((o.binaryData as Obj) ?? {}).length),
};

export const secrets: TableDef = {
  columns: cols(['Name', 'Type', 'Data', 'Age']),
  cells: (o, now) => [o.metadata?.name ?? '', String(o.type ?? 'Opaque'), String(Object.keys((o.data as Obj) ?? {}).length), age(o.metadata?.creationTimestamp, now)],
};

export const namespaces: TableDef = {
  columns: cols(['Name', 'Status', 'Age']),
  cells: (o, now) => [o.metadata?.name ?? '', status(o).phase ?? '', age(o.metadata?.creationTimestamp, now)],
};

export const serviceaccounts: TableDef = {
  columns: cols(['Name', 'Secrets', 'Age']),
  cells: simpleCount((o) => ((o.secrets as unknown[]) ?? []).length),
};

export const endpoints: TableDef = {
  columns: cols(['Name', 'Endpoints', 'Age']),
  cells(o, now) {
    const list: string[] = [];
    for (const s of ((o.subsets as Obj[]) ?? [])) {
      const ports = (s.ports ?? []) as Obj[];
      for (const a of (s.addresses ?? []) as Obj[]) {
        if (ports.length === 0) list.push(a.ip);
        for (const p of ports) list.push(`${a.ip}:${p.port}`);
      }
    }
    let text = list.length === 0 ? '<none>' : list.slice(0, 3).join(',');
    if (list.length > 3) text += ` + ${list.length - 3} more...`;
    return [o.metadata?.name ?? '', text, age(o.metadata?.creationTimestamp, now)];
  },
};

/**
 * The server's Event table (printers.go printEvent): LAST SEEN is the last time only (the
 * "(x3 over 5m)" form is `kubectl events` and describe's), first/last fall back to eventTime and a
 * series; SOURCE falls back to the reporting controller and instance (events.k8s.io/v1 events,
 * such as the scheduler's, have no source).
 */
export const events: TableDef = {
  columns: [
    { name: 'Last Seen', priority: 0 },
    { name: 'Type', priority: 0 },
    { name: 'Reason', priority: 0 },
    { name: 'Object', priority: 0 },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message', priority: 0 },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1 },
  ],
  cells(o, now) {
    const first = age(o.firstTimestamp || o.eventTime, now);
    const series = o.series as Obj | undefined;
    const last = series ? age(series.lastObservedTime, now) : o.lastTimestamp ? age(o.lastTimestamp, now) : first;
    const count = series ? Number(series.count ?? 0) : (o.count as number) || 1;
    const inv = (o.involvedObject as Obj) ?? {};
    const src = (o.source as Obj) ?? {};
    const component = String(src.component || o.reportingComponent || '');
    const instance = String(src.host || o.reportingInstance || '');
    const target = inv.name ? `${String(inv.kind ?? '').toLowerCase()}/${inv.name}` : String(inv.kind ?? '').toLowerCase();
    return [
      last, String(o.type ?? ''), String(o.reason ?? ''), target, inv.fieldPath ?? '', instance ? `${component}, ${instance}` : component,
      String(o.message ?? '').trim(), first, String(count), o.metadata?.name ?? '',
    ];
  },
};

function accessModes(modes: string[] | undefined): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return (modes ?? []).map((m) => short[m] ?? m).join(',');
}

export const persistentvolumes: TableDef = {
  columns: cols(['Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age'], ['VolumeMode']),
  cells(o, now) {
    const sp = spec(o);
    const claim = sp.claimRef ? `${sp.claimRef.namespace}/${sp.claimRef.name}` : '';
    const phase = o.metadata?.deletionTimestamp ? 'Terminating' : status(o).phase ?? '';
    return [
      o.metadata?.name ?? '', sp.capacity?.storage ?? '', accessModes(sp.accessModes), sp.persistentVolumeReclaimPolicy ?? '', phase, claim,
      sp.storageClassName ?? '', sp.volumeAttributesClassName || '<unset>', status(o).reason ?? '', age(o.metadata?.creationTimestamp, now),
      sp.volumeMode || '<unset>',
    ];
  },
};

export const persistentvolumeclaims: TableDef = {
  columns: cols(['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age'], ['VolumeMode']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const bound = st.phase === 'Bound';
    const phase = o.metadata?.deletionTimestamp ? 'Terminating' : st.phase ?? '';
    return [
      o.metadata?.name ?? '', phase, sp.volumeName ?? '', bound ? st.capacity?.storage ?? '' : '', bound ? accessModes(st.accessModes) : '',
      sp.storageClassName ?? '', sp.volumeAttributesClassName || '<unset>', age(o.metadata?.creationTimestamp, now), sp.volumeMode || '<unset>',
    ];
  },
};

export const resourcequotas: TableDef = {
  columns: cols(['Name', 'Request', 'Limit', 'Age']),
  cells(o, now) {
    const hard = (status(o).hard ?? spec(o).hard ?? {}) as Record<string, string>;
    const used = (status(o).used ?? {}) as Record<string, string>;
    const req: string[] = [];
    const lim: string[] = [];
    for (const k of Object.keys(hard).sort()) {
      const text = `${k}: ${used[k] ?? '0'}/${hard[k]}`;
      if (k.startsWith('limits.')) lim.push(text);
      else req.push(text);
    }
    return [o.metadata?.name ?? '', req.join(', '), lim.join(', '), age(o.metadata?.creationTimestamp, now)];
  },
};

export const limitranges: TableDef = {
  columns: cols(['Name', 'Created At']),
  cells: (o) => [o.metadata?.name ?? '', String(o.metadata?.creationTimestamp ?? '')],
};

export const replicationcontrollers: TableDef = {
  columns: cols(['Name', 'Desired', 'Current', 'Ready', 'Age'], ['Containers', 'Images', 'Selector']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const cs = ((sp.template?.spec?.containers ?? []) as Obj[]);
    return [
      o.metadata?.name ?? '', String(sp.replicas ?? 0), String(st.replicas ?? 0), String(st.readyReplicas ?? 0), age(o.metadata?.creationTimestamp, now),
      cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(','), labelsString(sp.selector),
    ];
  },
};

export const componentstatuses: TableDef = {
  columns: cols(['Name', 'Status', 'Message', 'Error']),
  cells(o) {
    const cond = ((o.conditions as Obj[]) ?? []).find((c) => c.type === 'Healthy');
    const s = !cond ? 'Unknown' : cond.status === 'True' ? 'Healthy' : 'Unhealthy';
    return [o.metadata?.name ?? '', s, cond?.message ?? '', cond?.error ?? ''];
  },
};
