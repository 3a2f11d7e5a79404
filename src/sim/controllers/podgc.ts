/**
 * The pod garbage collector: pods bound to a Node that no longer exists are deleted at once
 * (grace 0) — what happens to the pods of a node removed with `kubectl delete node`; and when
 * terminated pods exceed the threshold (12,500) the oldest go.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import type { Informer } from './machinery/informer';
import { spec, status } from './machinery/objects';
import { PODS, podsInformer } from './replicaset';

const NODES = { group: '', version: 'v1', resource: 'nodes' };
const TERMINATED_THRESHOLD = 12_500;
/** The real controller waits this long before deleting pods of a missing node (quarantine). */
const QUARANTINE_MS = 40_000;

export class PodGcController extends Controller {
  readonly name = 'pod-garbage-collector';
  private nodes!: Informer;
  private pods!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.nodes = this.ctx.factory.for(NODES);
    this.pods = podsInformer(this.ctx);
    this.nodes.addHandlers({ onDelete: (n) => this.queue.addAfter(`node:${n.metadata!.name}`, QUARANTINE_MS) });
    this.pods.addHandlers({
      onAdd: (p) => this.checkPod(p),
      onUpdate: (_a, p) => {
        const phase = status(p).phase;
        if (phase === 'Succeeded' || phase === 'Failed') this.queue.add('terminated');
      },
    });
  }

  private checkPod(p: KubeObject): void {
    const node = String(spec(p).nodeName ?? '');
    if (node && !this.nodes.getByName(undefined, node)) this.queue.addAfter(`node:${node}`, QUARANTINE_MS);
  }

  sync(key: string): boolean {
    if (key === 'terminated') {
      const done = this.pods.list().filter((p) => ['Succeeded', 'Failed'].includes(String(status(p).phase)));
      if (done.length <= TERMINATED_THRESHOLD) return true;
      done.sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
      for (const p of done.slice(0, done.length - TERMINATED_THRESHOLD)) this.client.delete(PODS, p.metadata!.namespace, p.metadata!.name!, { gracePeriodSeconds: '0' });
      return true;
    }
    const node = key.slice('node:'.length);
    if (this.nodes.getByName(undefined, node)) return true;
    for (const p of this.pods.byIndex('node', node)) {
      this.recorder.event(p, 'Normal', 'PodGCFromNode', `Deleting pod ${p.metadata!.namespace}/${p.metadata!.name} from node ${node} that no longer exists`);
      this.client.delete(PODS, p.metadata!.namespace, p.metadata!.name!, { gracePeriodSeconds: '0' });
    }
    return true;
  }
}
