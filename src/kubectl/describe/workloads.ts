/** Describers for DaemonSets, StatefulSets, Jobs and CronJobs, after describe.go. */
import type { KubeObject } from '../../sim/apiserver/types';
import { describePodTemplate } from './containers';
import type { DescribeContext } from './describers';
import { controlledPods, describeEvents, formatLabels, formatLabelSelector, printAnnotations, printLabels, rfc1123z, since, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';

function podCounts(o: KubeObject, ctx: DescribeContext): string {
  const pods = controlledPods(o, ctx);
  const n = (phase: string) => pods.filter((p) => (p.status as Obj)?.phase === phase).length;
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`;
}

export function describeDaemonSet(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podCounts(o, ctx)}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}

export function describeStatefulSet(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata?.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? 'RollingUpdate'}\n`);
  if (spec.updateStrategy?.rollingUpdate?.partition !== undefined) w.write(1, `Partition:\t${spec.updateStrategy.rollingUpdate.partition}\n`);
  w.write(0, `Pods Status:\t${podCounts(o, ctx)}\n`);
  describePodTemplate(w, spec.template);
  const claims = (spec.volumeClaimTemplates ?? []) as Obj[];
  if (claims.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const c of claims) {
      w.write(1, `Name:\t${c.metadata?.name}\n`);
      w.write(1, `StorageClass:\t${c.spec?.storageClassName ?? ''}\n`);
      printLabels(w, 'Labels', c.metadata?.labels, '  ');
      printLabels(w, 'Annotations', c.metadata?.annotations, '  ');
      w.write(1, `Capacity:\t${c.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(1, `Access Modes:\t[${(c.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}

export function describeJob(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  const ctl = (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
  if (ctl) w.write(0, `Controlled By:\t${ctl.kind}/${ctl.name}\n`);
  w.write(0, `Parallelism:\t${spec.parallelism ?? 1}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  w.write(0, `Completion Mode:\t${spec.completionMode ?? 'NonIndexed'}\n`);
  w.write(0, `Suspend:\t${Boolean(spec.suspend)}\n`);
  w.write(0, `Backoff Limit:\t${spec.backoffLimit ?? 6}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) {
    w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
    w.write(0, `Duration:\t${since(st.startTime, Date.parse(st.completionTime))}\n`);
  }
  if (spec.activeDeadlineSeconds) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready ?? 0} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}

export function describeCronJob(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  const job = (spec.jobTemplate?.spec ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Schedule:\t${spec.schedule}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? 'Allow'}\n`);
  w.write(0, `Suspend:\t${spec.suspend ? 'True' : 'False'}\n`);
  w.write(0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? 3}\n`);
  w.write(0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? 1}\n`);
  w.write(0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  w.write(0, `Selector:\t${job.selector ? formatLabelSelector(job.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${job.parallelism ?? '<unset>'}\n`);
  w.write(0, `Completions:\t${job.completions ?? '<unset>'}\n`);
  if (job.activeDeadlineSeconds) w.write(0, `Active Deadline Seconds:\t${job.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, job.template);
  w.write(0, `Last Schedule Time:\t${st.lastScheduleTime ? rfc1123z(st.lastScheduleTime) : '<unset>'}\n`);
  const active = ((st.active ?? []) as Obj[]).map((a) => a.name);
  w.write(0, `Active Jobs:\t${active.length ? active.join(', ') : '<none>'}\n`);
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}
