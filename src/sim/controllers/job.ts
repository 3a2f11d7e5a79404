/**
 * The Job controller: runs pods (named `<job>-<5 chars>`, or `<job>-<index>-<5 chars>` when
 * Indexed) until `completions` succeed, at most `parallelism` at a time; failed pods are replaced
 * with back-off (10 s doubling, at most 6 min) until `backoffLimit` is passed; then or after
 * activeDeadlineSeconds the Job fails. Terminal pods are counted through the job-tracking
 * finalizer, as the real controller does, so deleting a finished pod does not lose its count.
 * Finished Jobs with ttlSecondsAfterFinished are deleted when it expires (the TTL controller).
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { canonical, controllerOf, deepClone, isPodReady, ownerRef, spec, status, type Obj } from './machinery/objects';
import { PODS, podFromTemplate, podsInformer } from './replicaset';

export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };
const TRACKING = 'batch.kubernetes.io/job-tracking';
const INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

const phaseOf = (p: KubeObject) => String(status(p).phase ?? '');
const terminal = (p: KubeObject) => phaseOf(p) === 'Succeeded' || phaseOf(p) === 'Failed';

export function jobFinished(job: KubeObject): string | undefined {
  for (const c of (status(job).conditions ?? []) as Obj[]) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

export class JobController extends Controller {
  readonly name = 'job';
  private jobs!: Informer;
  private pods!: Informer;
  private lastFailureAt = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'job-controller';
  }

  setup(): void {
    this.jobs = this.ctx.factory.for(JOBS);
    this.pods = podsInformer(this.ctx);
    this.jobs.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b), onDelete: (o) => this.enqueue(o) });
    const onPod = (p: KubeObject) => {
      const c = controllerOf(p);
      if (c?.kind === 'Job') this.queue.add(`${p.metadata?.namespace}/${c.name}`);
    };
    this.pods.addHandlers({ onAdd: onPod, onUpdate: (_a, b) => onPod(b), onDelete: onPod });
  }

  sync(key: string): boolean {
    const job = this.jobs.get(key);
    if (!job) return true;
    const s = spec(job);
    const st = { ...status(job) } as Obj;
    const pods = this.pods.byIndex('owner', job.metadata!.uid!);
    const now = this.clock.now();
    const finished = jobFinished(job);
    // Count terminal pods that still carry the tracking finalizer, then release them.
    let succeeded = Number(st.succeeded ?? 0);
    let failed = Number(st.failed ?? 0);
    const completedIndexes = new Set<number>(parseIndexes(st.completedIndexes));
    const toRelease: KubeObject[] = [];
    for (const p of pods) {
      const tracked = p.metadata?.finalizers?.includes(TRACKING);
      const gone = !!p.metadata?.deletionTimestamp && !terminal(p);
      if (!tracked || (!terminal(p) && !gone)) continue;
      if (phaseOf(p) === 'Succeeded') {
        succeeded++;
        const idx = p.metadata?.annotations?.[INDEX_ANNOTATION];
        if (idx !== undefined) completedIndexes.add(Number(idx));
      } else {
        failed++;
        this.lastFailureAt.set(key, now);
      }
      toRelease.push(p);
    }
    const active = pods.filter((p) => !terminal(p) && !p.metadata?.deletionTimestamp);
    const restarts = s.template?.spec?.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + ((status(p).containerStatuses ?? []) as Obj[]).reduce((m, c) => m + Number(c.restartCount ?? 0), 0), 0) : 0;
    const completions = s.completions === undefined || s.completions === null ? undefined : Number(s.completions);
    const parallelism = s.parallelism === undefined ? 1 : Number(s.parallelism);
    const backoffLimit = s.backoffLimit === undefined ? 6 : Number(s.backoffLimit);
    const indexed = s.completionMode === 'Indexed';
    st.startTime ??= s.suspend ? undefined : this.clock.rfc3339();
    const conditions = [...((st.conditions ?? []) as Obj[])];
    const addCondition = (type: string, reason: string, message: string) => {
      if (conditions.some((c) => c.type === type)) return;
      const t = this.clock.rfc3339();
      conditions.push({ lastProbeTime: t, lastTransitionTime: t, message, reason, status: 'True', type });
    };
    let done = finished;
    if (!done) {
      const target = completions ?? 1;
      const complete = indexed ? completedIndexes.size >= target : completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= target;
      const deadline = s.activeDeadlineSeconds !== undefined && st.startTime && now >= Date.parse(st.startTime) + Number(s.activeDeadlineSeconds) * 1000;
      if (complete) {
        addCondition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
        addCondition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods');
        st.completionTime = this.clock.rfc3339();
        this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
        done = 'Complete';
      } else if (failed + restarts > backoffLimit) {
        addCondition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
        addCondition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
        this.recorder.event(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
        done = 'Failed';
      } else if (deadline) {
        addCondition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline');
        addCondition('Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline');
        this.recorder.event(job, 'Warning', 'DeadlineExceeded', 'Job was active longer than specified deadline');
        done = 'Failed';
      } else if (s.activeDeadlineSeconds !== undefined && st.startTime) {
        this.queue.addAfter(key, Date.parse(st.startTime) + Number(s.activeDeadlineSeconds) * 1000 - now);
      }
    }
    let activeNow = active.length;
    if (done) {
      for (const p of active) this.deletePod(job, p);
      activeNow = 0;
    } else if (s.suspend) {
      for (const p of active) this.deletePod(job, p);
      activeNow = 0;
    } else {
      const target = completions ?? 1;
      const remaining = indexed ? target - completedIndexes.size : completions === undefined ? (succeeded > 0 ? 0 : parallelism) : target - succeeded;
      const want = Math.max(0, Math.min(parallelism, remaining));
      if (active.length > want) for (const p of active.slice(want)) this.deletePod(job, p), activeNow--;
      else if (active.length < want) {
        const sinceFailure = now - (this.lastFailureAt.get(key) ?? -Infinity);
        const backoff = failed > 0 ? Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failed - 1)) : 0;
        if (sinceFailure < backoff) this.queue.addAfter(key, backoff - sinceFailure);
        else {
          const busy = new Set(active.map((p) => Number(p.metadata?.annotations?.[INDEX_ANNOTATION])));
          let free = indexed ? [...Array(target).keys()].filter((i) => !completedIndexes.has(i) && !busy.has(i)) : [];
          for (let i = active.length; i < want; i++) {
            const index = indexed ? free.shift() : undefined;
            if (indexed && index === undefined) break;
            if (this.createPod(job, index)) activeNow++;
            else break;
          }
          free = [];
        }
      }
    }
    const finalActive = this.pods.byIndex('owner', job.metadata!.uid!).filter((p) => !terminal(p) && !p.metadata?.deletionTimestamp);
    const next: Obj = { ...st, conditions: conditions.length ? conditions : undefined, active: finalActive.length || undefined, succeeded: succeeded || undefined, failed: failed || undefined };
    next.ready = finalActive.filter(isPodReady).length;
    next.terminating = pods.filter((p) => p.metadata?.deletionTimestamp && !terminal(p)).length;
    next.uncountedTerminatedPods = {};
    if (indexed) next.completedIndexes = formatIndexes([...completedIndexes]);
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    void activeNow;
    if (canonical(next) !== canonical(status(job))) {
      const r = this.client.updateStatus(JOBS, job.metadata!.namespace, { ...job, status: next });
      if (r.code !== 200) return false;
    }
    for (const p of toRelease) {
      const f = (p.metadata?.finalizers ?? []).filter((x) => x !== TRACKING);
      this.client.patch(PODS, p.metadata!.namespace, p.metadata!.name!, { metadata: { finalizers: f.length ? f : null } }, 'application/merge-patch+json');
    }
    if (done) this.scheduleTtl(job, next);
    return true;
  }

  private scheduleTtl(job: KubeObject, st: Obj): void {
    const ttl = spec(job).ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null) return;
    const finishedAt = Date.parse(String(st.completionTime ?? ((st.conditions ?? []) as Obj[]).find((c) => c.type === 'Failed')?.lastTransitionTime ?? ''));
    const due = (Number.isFinite(finishedAt) ? finishedAt : this.clock.now()) + Number(ttl) * 1000;
    if (this.clock.now() >= due) this.client.delete(JOBS, job.metadata!.namespace, job.metadata!.name!, { propagationPolicy: 'Background' });
    else this.queue.addAfter(keyOf(job), due - this.clock.now());
  }

  private createPod(job: KubeObject, index: number | undefined): boolean {
    const template = deepClone((spec(job).template ?? {}) as Obj);
    const uid = job.metadata!.uid!;
    const name = job.metadata!.name!;
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name },
    };
    if (index !== undefined) {
      template.metadata.labels['batch.kubernetes.io/job-completion-index'] = String(index);
      template.metadata.annotations = { ...(template.metadata.annotations ?? {}), [INDEX_ANNOTATION]: String(index) };
      template.spec = { ...(template.spec ?? {}), hostname: `${name}-${index}`, subdomain: template.spec?.subdomain };
      if (!template.spec.subdomain) delete template.spec.subdomain;
      template.spec.containers = (template.spec.containers ?? []).map((c: Obj) => ({ ...c, env: [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_ANNOTATION}']` } } }] }));
    }
    const pod = podFromTemplate(template, job, 'batch/v1', 'Job', index !== undefined ? `${name}-${index}-` : `${name}-`);
    pod.metadata!.finalizers = [TRACKING];
    const r = this.client.create(PODS, job.metadata!.namespace, pod);
    if (r.code !== 201) {
      this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${(r.body as { message?: string }).message ?? ''}`);
      return false;
    }
    this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${(r.body as KubeObject).metadata!.name}`);
    return true;
  }

  private deletePod(job: KubeObject, p: KubeObject): void {
    const r = this.client.delete(PODS, p.metadata!.namespace, p.metadata!.name!);
    if (r.code === 200) this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata!.name}`);
  }
}

function parseIndexes(s: unknown): number[] {
  if (typeof s !== 'string' || !s) return [];
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.push(i);
  }
  return out;
}

/** "1,3-5,7": the compressed index list of status.completedIndexes. */
function formatIndexes(xs: number[]): string {
  const s = [...new Set(xs)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; i++) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j > i ? `${s[i]}-${s[j]}` : String(s[i]));
    i = j;
  }
  return parts.join(',');
}

void ownerRef;
