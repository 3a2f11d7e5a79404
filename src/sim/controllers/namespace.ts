/**
 * The namespace controller: a namespace being deleted (phase Terminating) has all its content
 * deleted, kind by kind; once nothing is left (pods finish their graceful termination first) it
 * removes the `kubernetes` finalizer through namespaces/finalize and the namespace disappears.
 * Status conditions report what is still there, as the real controller does.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import type { Informer } from './machinery/informer';
import { spec, status, type Obj } from './machinery/objects';
import { NAMESPACES } from './serviceaccount';

const RECHECK_MS = 5_000;

export class NamespaceController extends Controller {
  readonly name = 'namespace';
  private namespaces!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.namespaces = this.ctx.factory.for(NAMESPACES);
    this.namespaces.addHandlers({ onAdd: (n) => this.enqueue(n), onUpdate: (_a, b) => this.enqueue(b) });
  }

  /** Namespaced resources that can be listed and deleted (events last, as they describe the rest). */
  private resources(): { group: string; version: string; resource: string; kind: string }[] {
    const out: { group: string; version: string; resource: string; kind: string }[] = [];
    for (const list of this.client.transport.discovery().resourceLists) {
      const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
      for (const r of list.resources) {
        if (!r.namespaced || r.name.includes('/')) continue;
        if (!r.verbs.includes('list') || !r.verbs.includes('delete')) continue;
        if (out.some((o) => o.resource === r.name && o.group === group)) continue;
        out.push({ group, version, resource: r.name, kind: r.kind });
      }
    }
    return out.sort((a, b) => Number(a.resource === 'events') - Number(b.resource === 'events'));
  }

  sync(name: string): boolean {
    const ns = this.namespaces.get(name);
    if (!ns || !ns.metadata?.deletionTimestamp) return true;
    const remaining: Record<string, number> = {};
    const finalizersLeft: Record<string, number> = {};
    for (const r of this.resources()) {
      const list = this.client.list(r, name);
      if (list.code !== 200) continue;
      const items = (list.body as { items: KubeObject[] }).items;
      if (!items.length) continue;
      remaining[`${r.resource}${r.group ? `.${r.group}` : ''}`] = items.length;
      for (const item of items) {
        for (const f of item.metadata?.finalizers ?? []) finalizersLeft[f] = (finalizersLeft[f] ?? 0) + 1;
        if (!item.metadata?.deletionTimestamp) this.client.delete(r, name, item.metadata!.name!);
      }
    }
    if (Object.keys(remaining).length) {
      // The real controller also writes NamespaceContentRemaining/… conditions here. Our API server
      // removes a deleting object on any update when metadata.finalizers is empty (it does not yet
      // look at spec.finalizers for namespaces), so the conditions are computed but not written.
      void this.conditions(ns, remaining, finalizersLeft);
      this.queue.addAfter(name, RECHECK_MS);
      return true;
    }
    const finalizers = ((spec(ns).finalizers ?? []) as string[]).filter((f) => f !== 'kubernetes');
    this.client.request({ verb: 'update', group: '', version: 'v1', resource: 'namespaces', subresource: 'finalize', name, body: { ...ns, spec: { ...spec(ns), finalizers } } });
    return true;
  }

  private conditions(ns: KubeObject, remaining: Record<string, number>, finalizers: Record<string, number>): Obj[] {
    const now = this.clock.rfc3339();
    const prev = (status(ns).conditions ?? []) as Obj[];
    const cond = (type: string, bad: boolean, reason: string, message: string): Obj => {
      const old = prev.find((c) => c.type === type);
      const st = bad ? 'True' : 'False';
      return { lastTransitionTime: old && old.status === st ? old.lastTransitionTime : now, message, reason, status: st, type };
    };
    const content = Object.entries(remaining).sort().map(([r, n]) => `${r} has ${n} resource instances`).join(', ');
    const fins = Object.entries(finalizers).sort().map(([f, n]) => `${f} in ${n} resource instances`).join(', ');
    const conditions = [
      cond('NamespaceDeletionDiscoveryFailure', false, 'ResourcesDiscovered', 'All resources successfully discovered'),
      cond('NamespaceDeletionGroupVersionParsingFailure', false, 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      cond('NamespaceDeletionContentFailure', false, 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
      cond('NamespaceContentRemaining', true, 'SomeResourcesRemain', `Some resources are remaining: ${content}`),
      Object.keys(finalizers).length
        ? cond('NamespaceFinalizersRemaining', true, 'SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${fins}`)
        : cond('NamespaceFinalizersRemaining', false, 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
    ];
    return conditions;
  }
}
