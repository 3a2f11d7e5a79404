/** Tables of apps/v1 and batch/v1, after pkg/printers/internalversion/printers.go. */
import type { KubeObject } from '../../../sim/apiserver/types';
import { age, humanDuration } from '../duration';
import { cols, containersAndImages, labelsString, selectorString, spec, status, type Obj, type TableDef } from './types';

const name = (o: KubeObject) => o.metadata?.name ?? '';
const created = (o: KubeObject, now: number) => age(o.metadata?.creationTimestamp, now);

export const deployments: TableDef = {
  columns: cols(['Name', 'Ready', 'Up-to-date', 'Available', 'Age'], ['Containers', 'Images', 'Selector']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const [c, i] = containersAndImages(sp.template?.spec);
    return [
      name(o), `${st.readyReplicas ?? 0}/${sp.replicas ?? 0}`, String(st.updatedReplicas ?? 0), String(st.availableReplicas ?? 0), created(o, now),
      c, i, selectorString(sp.selector),
    ];
  },
};

export const replicasets: TableDef = {
  columns: cols(['Name', 'Desired', 'Current', 'Ready', 'Age'], ['Containers', 'Images', 'Selector']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const [c, i] = containersAndImages(sp.template?.spec);
    return [name(o), String(sp.replicas ?? 0), String(st.replicas ?? 0), String(st.readyReplicas ?? 0), created(o, now), c, i, selectorString(sp.selector)];
  },
};

export const daemonsets: TableDef = {
  columns: cols(['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age'], ['Containers', 'Images', 'Selector']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const [c, i] = containersAndImages(sp.template?.spec);
    const nsText = labelsString(sp.template?.spec?.nodeSelector as Record<string, string> | undefined);
    return [
      name(o), String(st.desiredNumberScheduled ?? 0), String(st.currentNumberScheduled ?? 0), String(st.numberReady ?? 0),
      String(st.updatedNumberScheduled ?? 0), String(st.numberAvailable ?? 0), nsText, created(o, now), c, i, selectorString(sp.selector),
    ];
  },
};

export const statefulsets: TableDef = {
  columns: cols(['Name', 'Ready', 'Age'], ['Containers', 'Images']),
  cells(o, now) {
    const sp = spec(o);
    const [c, i] = containersAndImages(sp.template?.spec);
    return [name(o), `${status(o).readyReplicas ?? 0}/${sp.replicas ?? 0}`, created(o, now), c, i];
  },
};

export const controllerrevisions: TableDef = {
  columns: cols(['Name', 'Controller', 'Revision', 'Age']),
  cells(o, now) {
    const owner = (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
    const ctl = owner ? `${owner.kind.toLowerCase()}.${owner.apiVersion.split('/')[0]}/${owner.name}` : '<none>';
    return [name(o), ctl, String(o.revision ?? 0), created(o, now)];
  },
};

function jobStatus(o: KubeObject): string {
  const conds = (status(o).conditions ?? []) as Obj[];
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

export const jobs: TableDef = {
  columns: cols(['Name', 'Status', 'Completions', 'Duration', 'Age'], ['Containers', 'Images', 'Selector']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    let completions: string;
    if (sp.completions !== undefined && sp.completions !== null) completions = `${st.succeeded ?? 0}/${sp.completions}`;
    else completions = (sp.parallelism ?? 1) > 1 ? `${st.succeeded ?? 0}/1 of ${sp.parallelism}` : `${st.succeeded ?? 0}/1`;
    let duration = '';
    if (st.startTime) {
      const end = st.completionTime ? Date.parse(st.completionTime) : now;
      duration = humanDuration(end - Date.parse(st.startTime));
    }
    const [c, i] = containersAndImages(sp.template?.spec);
    return [name(o), jobStatus(o), completions, duration, created(o, now), c, i, selectorString(sp.selector)];
  },
};

export const cronjobs: TableDef = {
  columns: cols(['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age'], ['Containers', 'Images', 'Selector']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const last = st.lastScheduleTime ? age(st.lastScheduleTime, now) : '<none>';
    const [c, i] = containersAndImages(sp.jobTemplate?.spec?.template?.spec);
    return [
      name(o), sp.schedule ?? '', sp.timeZone || '<none>', String(Boolean(sp.suspend)), String(((st.active ?? []) as unknown[]).length), last,
      created(o, now), c, i, selectorString(sp.jobTemplate?.spec?.selector),
    ];
  },
};

export const horizontalpodautoscalers: TableDef = {
  columns: cols(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']),
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const ref = sp.scaleTargetRef ? `${sp.scaleTargetRef.kind}/${sp.scaleTargetRef.name}` : '';
    // printers.go formatHPAMetrics: statuses are matched to specs by index; at most two are shown.
    const statuses = (st.currentMetrics ?? []) as Obj[];
    const specs = (sp.metrics ?? []) as Obj[];
    const targets: string[] = [];
    const resourceText = (name: string, target: Obj, cur: Obj | undefined) => {
      if (target.averageValue !== undefined) return `${name}: ${cur ? (cur.current?.averageValue ?? '0') : '<unknown>'}/${target.averageValue}`;
      const now = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
      return `${name}: ${now}/${target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>'}`;
    };
    for (const [i, m] of specs.entries()) {
      const cur = statuses[i];
      if (m.type === 'Resource') targets.push(resourceText(m.resource?.name, m.resource?.target ?? {}, cur?.resource));
      else if (m.type === 'ContainerResource') targets.push(resourceText(m.containerResource?.name, m.containerResource?.target ?? {}, cur?.containerResource));
      else if (m.type === 'Pods') targets.push(`${cur?.pods ? (cur.pods.current?.averageValue ?? '0') : '<unknown>'}/${m.pods?.target?.averageValue}`);
      else if (m.type === 'Object' || m.type === 'External') {
        const key = m.type === 'Object' ? 'object' : 'external';
        const t = m[key]?.target ?? {};
        const c = cur?.[key]?.current;
        if (t.averageValue !== undefined) targets.push(`${c?.averageValue ?? '<unknown>'}/${t.averageValue} (avg)`);
        else targets.push(`${cur?.[key] ? (c?.value ?? '0') : '<unknown>'}/${t.value}`);
      } else targets.push('<unknown type>');
    }
    const more = targets.length > 2;
    let shown = targets.slice(0, 2).join(', ') + (more ? ` + ${targets.length - 2} more...` : '');
    if (sp.targetCPUUtilizationPercentage !== undefined) {
      shown = `cpu: ${st.currentCPUUtilizationPercentage !== undefined ? st.currentCPUUtilizationPercentage + '%' : '<unknown>'}/${sp.targetCPUUtilizationPercentage}%`;
      targets.push(shown);
    }
    return [
      name(o), ref, targets.length ? shown : '<none>', String(sp.minReplicas ?? 1), String(sp.maxReplicas ?? 0),
      String(st.currentReplicas ?? 0), created(o, now),
    ];
  },
};
