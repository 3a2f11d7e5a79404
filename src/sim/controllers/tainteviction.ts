/**
 * The taint-eviction controller (the former taint manager): pods on a node with NoExecute taints
 * they do not tolerate are deleted at once; pods that tolerate a taint for tolerationSeconds
 * (the 300 s that admission adds for not-ready/unreachable) are deleted when that time has
 * passed since the taint was added.
 */
import type { TimerHandle } from '../clock';
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { sameJsonText, spec, type Obj } from './machinery/objects';
import { PODS, podsInformer } from './replicaset';

const NODES = { group: '', version: 'v1', resource: 'nodes' };

function matches(t: Obj, taint: Obj): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

export class TaintEvictionController extends Controller {
  readonly name = 'taint-eviction';
  private nodes!: Informer;
  private pods!: Informer;
  private timers = new Map<string, { at: number; handle: TimerHandle }>();

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'taint-eviction-controller';
  }

  setup(): void {
    this.nodes = this.ctx.factory.for(NODES);
    this.pods = podsInformer(this.ctx);
    const noExecute = (n: KubeObject) => JSON.stringify(((spec(n).taints ?? []) as Obj[]).filter((t) => t.effect === 'NoExecute'));
    this.nodes.addHandlers({ onAdd: (n) => this.nodeChanged(n), onUpdate: (a, b) => noExecute(a) !== noExecute(b) && this.nodeChanged(b) });
    this.pods.addHandlers({
      onAdd: (p) => spec(p).nodeName && this.enqueue(p),
      onUpdate: (a, b) => spec(b).nodeName && (!spec(a).nodeName || !sameJsonText(spec(a).tolerations, spec(b).tolerations)) && this.enqueue(b),
      onDelete: (p) => this.cancel(keyOf(p)),
    });
  }

  override stop(): void {
    super.stop();
    for (const t of this.timers.values()) this.clock.clearTimeout(t.handle);
    this.timers.clear();
  }

  private nodeChanged(node: KubeObject): void {
    for (const p of this.pods.byIndex('node', node.metadata!.name!)) this.enqueue(p);
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) this.clock.clearTimeout(t.handle);
    this.timers.delete(key);
  }

  sync(key: string): boolean {
    const pod = this.pods.get(key);
    if (!pod || pod.metadata?.deletionTimestamp || !spec(pod).nodeName) return this.cancel(key), true;
    const node = this.nodes.getByName(undefined, String(spec(pod).nodeName));
    const taints = ((node && spec(node).taints) ?? []).filter((t: Obj) => t.effect === 'NoExecute') as Obj[];
    if (!taints.length) return this.cancel(key), true;
    const tolerations = (spec(pod).tolerations ?? []) as Obj[];
    let evictAt = Infinity;
    for (const taint of taints) {
      const tol = tolerations.filter((t) => matches(t, taint));
      if (!tol.length) {
        evictAt = this.clock.now();
        break;
      }
      const secs = tol.map((t) => (t.tolerationSeconds === undefined ? Infinity : Math.max(0, Number(t.tolerationSeconds))));
      const added = Date.parse(String(taint.timeAdded ?? '')) || this.clock.now();
      evictAt = Math.min(evictAt, added + Math.min(...secs) * 1000);
    }
    if (!Number.isFinite(evictAt)) return this.cancel(key), true;
    if (evictAt <= this.clock.now()) {
      this.cancel(key);
      this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
      this.client.delete(PODS, pod.metadata!.namespace, pod.metadata!.name!);
      return true;
    }
    const existing = this.timers.get(key);
    if (existing?.at === evictAt) return true;
    this.cancel(key);
    this.timers.set(key, { at: evictAt, handle: this.clock.setTimeout(() => this.queue.add(key), evictAt - this.clock.now()) });
    return true;
  }
}
