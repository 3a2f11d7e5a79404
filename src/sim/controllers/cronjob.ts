/**
 * The CronJob controller: on the simulated clock, at each scheduled minute it creates a Job named
 * `<cronjob>-<minutes since the epoch>` from the jobTemplate, honouring concurrencyPolicy (Allow,
 * Forbid, Replace), startingDeadlineSeconds and suspend; it tracks active Jobs, records
 * lastScheduleTime/lastSuccessfulTime and keeps successful/failed history within its limits.
 * It sleeps until the next scheduled time: no polling.
 */
import type { TimerHandle } from '../clock';
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { canonical, controllerOf, deepClone, ownerRef, spec, status, type Obj } from './machinery/objects';
import { lastMissed, nextRun, parseCron } from './machinery/cron';
import { JOBS, jobFinished } from './job';

export const CRONJOBS = { group: 'batch', version: 'v1', resource: 'cronjobs' };

export class CronJobController extends Controller {
  readonly name = 'cronjob';
  private cronjobs!: Informer;
  private jobs!: Informer;
  private timers = new Map<string, TimerHandle>();
  private seenFinished = new Set<string>();

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'cronjob-controller';
  }

  setup(): void {
    this.cronjobs = this.ctx.factory.for(CRONJOBS);
    this.jobs = this.ctx.factory.for(JOBS);
    this.jobs.addIndex('owner', (o) => {
      const c = controllerOf(o);
      return c ? [c.uid] : [];
    });
    this.cronjobs.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b), onDelete: (o) => this.cancel(keyOf(o)) });
    const onJob = (j: KubeObject) => {
      const c = controllerOf(j);
      if (c?.kind === 'CronJob') this.queue.add(`${j.metadata?.namespace}/${c.name}`);
    };
    this.jobs.addHandlers({ onAdd: onJob, onUpdate: (_a, b) => onJob(b), onDelete: onJob });
  }

  override stop(): void {
    super.stop();
    for (const t of this.timers.values()) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  private cancel(key: string): void {
    this.clock.clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  sync(key: string): boolean {
    const cj = this.cronjobs.get(key);
    if (!cj || cj.metadata?.deletionTimestamp) return this.cancel(key), true;
    const s = spec(cj);
    const ns = cj.metadata!.namespace!;
    const st: Obj = { ...status(cj) };
    const jobs = this.jobs.byIndex('owner', cj.metadata!.uid!);
    // Active list and completed-job bookkeeping.
    const active: Obj[] = [];
    for (const j of jobs) {
      const done = jobFinished(j);
      if (!done) {
        active.push({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata!.name, namespace: ns, resourceVersion: j.metadata!.resourceVersion, uid: j.metadata!.uid });
        continue;
      }
      if (!this.seenFinished.has(j.metadata!.uid!)) {
        this.seenFinished.add(j.metadata!.uid!);
        this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata!.name}, condition: ${done}`);
      }
      if (done === 'Complete') {
        const t = String((j.status as Obj | undefined)?.completionTime ?? '');
        if (t && (!st.lastSuccessfulTime || t > st.lastSuccessfulTime)) st.lastSuccessfulTime = t;
      }
    }
    this.cleanupHistory(cj, jobs);
    const schedule = parseCron(String(s.schedule ?? ''));
    if (typeof schedule === 'string') {
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${s.schedule}" : ${schedule}`);
      return this.writeStatus(cj, st, active);
    }
    const now = this.clock.now();
    const since = Date.parse(String(st.lastScheduleTime ?? cj.metadata?.creationTimestamp ?? '')) || now;
    const { at, missed } = lastMissed(schedule, since, now);
    if (missed > 100) this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    if (at !== undefined && !s.suspend) {
      const deadline = s.startingDeadlineSeconds;
      const tooLate = deadline !== undefined && deadline !== null && at + Number(deadline) * 1000 < now;
      if (tooLate) {
        this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${this.clock.rfc3339(at)}`);
      } else if (s.concurrencyPolicy === 'Forbid' && active.length) {
        this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      } else {
        if (s.concurrencyPolicy === 'Replace')
          for (const a of active.splice(0)) {
            const r = this.client.delete(JOBS, ns, String(a.name), { propagationPolicy: 'Background' });
            if (r.code === 200) this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${a.name}`);
          }
        const created = this.createJob(cj, at);
        if (created) {
          active.push({ apiVersion: 'batch/v1', kind: 'Job', name: created.metadata!.name, namespace: ns, resourceVersion: created.metadata!.resourceVersion, uid: created.metadata!.uid });
          st.lastScheduleTime = this.clock.rfc3339(at);
        }
      }
    }
    const next = nextRun(schedule, Math.max(now, since));
    this.cancel(key);
    if (next !== undefined) this.timers.set(key, this.clock.setTimeout(() => this.queue.add(key), next - now));
    return this.writeStatus(cj, st, active);
  }

  private writeStatus(cj: KubeObject, st: Obj, active: Obj[]): boolean {
    const next: Obj = { ...st };
    if (active.length) next.active = active;
    else delete next.active;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    if (canonical(next) === canonical(status(cj))) return true;
    const r = this.client.updateStatus(CRONJOBS, cj.metadata!.namespace, { ...cj, status: next });
    return r.code === 200 || r.code === 404;
  }

  private createJob(cj: KubeObject, at: number): KubeObject | undefined {
    const t = deepClone((spec(cj).jobTemplate ?? {}) as Obj);
    const name = `${cj.metadata!.name}-${Math.floor(at / 60_000)}`;
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata!.namespace,
        labels: t.metadata?.labels,
        annotations: { ...(t.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': this.clock.rfc3339(at) },
        ownerReferences: [ownerRef(cj, 'batch/v1', 'CronJob')],
      },
      spec: t.spec ?? {},
    };
    if (!job.metadata!.labels) delete job.metadata!.labels;
    const r = this.client.create(JOBS, cj.metadata!.namespace, job);
    if (r.code === 409) return undefined;
    if (r.code !== 201) {
      this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(r.body as { message?: string }).message ?? ''}`);
      return undefined;
    }
    this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    return r.body as KubeObject;
  }

  private cleanupHistory(cj: KubeObject, jobs: KubeObject[]): void {
    const s = spec(cj);
    const limits: Record<string, number> = {
      Complete: s.successfulJobsHistoryLimit === undefined ? 3 : Number(s.successfulJobsHistoryLimit),
      Failed: s.failedJobsHistoryLimit === undefined ? 1 : Number(s.failedJobsHistoryLimit),
    };
    for (const kind of ['Complete', 'Failed']) {
      const finished = jobs
        .filter((j) => jobFinished(j) === kind && !j.metadata?.deletionTimestamp)
        .sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
      for (const j of finished.slice(0, Math.max(0, finished.length - limits[kind]))) {
        const r = this.client.delete(JOBS, j.metadata!.namespace, j.metadata!.name!, { propagationPolicy: 'Background' });
        if (r.code === 200) this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata!.name}`);
      }
    }
  }
}
