/**
 * The garbage collector: follows ownerReferences.
 * - Background: a dependent whose owners are all gone is deleted.
 * - Foreground: an owner with the `foregroundDeletion` finalizer has its dependents deleted first,
 *   then the finalizer is removed (and the owner goes).
 * - Orphan: an owner with the `orphan` finalizer has the references to it removed from its
 *   dependents, then the finalizer is removed.
 * It watches the kinds that carry owner references in a cluster (workloads, pods, revisions,
 * endpoint slices, PVCs, secrets and config maps; node Leases go with their Node's deletion by the
 * node controller, and watching them here would cost a decode per heartbeat).
 */
import type { GVR } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';
import { sameJsonText } from './machinery/objects';

const WATCHED: (GVR & { kind: string })[] = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod' },
  { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet' },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet' },
  { group: 'apps', version: 'v1', resource: 'controllerrevisions', kind: 'ControllerRevision' },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job' },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' },
  { group: '', version: 'v1', resource: 'services', kind: 'Service' },
  { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice' },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node' },
  { group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret' },
];

interface Node {
  gvr: GVR & { kind: string };
  key: string;
}

export class GarbageCollector extends Controller {
  readonly name = 'garbage-collector';
  private informers = new Map<string, Informer>(); // kind → informer
  private byUid = new Map<string, Node>();
  /** owner uid → dependent uids */
  private dependents = new Map<string, Set<string>>();

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    for (const g of WATCHED) {
      const inf = this.ctx.factory.for(g);
      this.informers.set(g.kind, inf);
      inf.addHandlers({
        onAdd: (o) => this.observe(g, o),
        onUpdate: (a, b) => this.observe(g, b, a),
        onDelete: (o) => this.gone(o),
      });
    }
  }

  private objectOf(uid: string): KubeObject | undefined {
    const n = this.byUid.get(uid);
    return n ? this.informers.get(n.gvr.kind)?.get(n.key) : undefined;
  }

  private observe(g: GVR & { kind: string }, o: KubeObject, before?: KubeObject): void {
    const uid = o.metadata!.uid!;
    // An update that leaves owners, finalizers and deletion alone (a status write) changes nothing
    // in the graph: the owners' own deletions already queue their dependents.
    if (before && sameGraph(before, o)) return;
    this.byUid.set(uid, { gvr: g, key: keyOf(o) });
    for (const ref of o.metadata?.ownerReferences ?? []) {
      let s = this.dependents.get(ref.uid);
      if (!s) this.dependents.set(ref.uid, (s = new Set()));
      s.add(uid);
    }
    const f = o.metadata?.finalizers ?? [];
    if (o.metadata?.deletionTimestamp && (f.includes('foregroundDeletion') || f.includes('orphan'))) this.queue.add(uid);
    // A dependent whose owner is already gone (created late, or restored).
    if ((o.metadata?.ownerReferences ?? []).length) this.queue.add(uid);
  }

  private gone(o: KubeObject): void {
    const uid = o.metadata!.uid!;
    this.byUid.delete(uid);
    for (const d of this.dependents.get(uid) ?? []) this.queue.add(d);
    this.dependents.delete(uid);
    for (const ref of o.metadata?.ownerReferences ?? []) {
      this.dependents.get(ref.uid)?.delete(uid);
      this.queue.add(ref.uid); // a foreground owner may be waiting for this
    }
  }

  sync(uid: string): boolean {
    const node = this.byUid.get(uid);
    const obj = this.objectOf(uid);
    if (!node || !obj) return true;
    const f = obj.metadata?.finalizers ?? [];
    if (obj.metadata?.deletionTimestamp && f.includes('orphan')) return this.orphan(node, obj);
    if (obj.metadata?.deletionTimestamp && f.includes('foregroundDeletion')) return this.foreground(node, obj);
    const refs = obj.metadata?.ownerReferences ?? [];
    if (!refs.length) return true;
    const alive = refs.filter((r) => {
      const owner = this.byUid.get(r.uid);
      if (owner) return true;
      // Owners of kinds we do not watch are assumed alive (no false deletions).
      return !WATCHED.some((w) => w.kind === r.kind);
    });
    if (alive.length) {
      // Foreground: an owner being deleted in the foreground takes its blocking dependents with it.
      const fgOwner = refs.some((r) => {
        const o = this.objectOf(r.uid);
        return o?.metadata?.deletionTimestamp && o.metadata.finalizers?.includes('foregroundDeletion');
      });
      if (fgOwner && !obj.metadata?.deletionTimestamp) this.remove(node, obj, 'Foreground');
      return true;
    }
    if (!obj.metadata?.deletionTimestamp) this.remove(node, obj, 'Background');
    return true;
  }

  private remove(node: Node, obj: KubeObject, policy: string): void {
    this.client.request({ verb: 'delete', ...node.gvr, namespace: obj.metadata?.namespace, name: obj.metadata!.name, query: { propagationPolicy: policy }, body: { preconditions: { uid: obj.metadata!.uid } } });
  }

  private dependentsOf(uid: string): { node: Node; obj: KubeObject }[] {
    const out: { node: Node; obj: KubeObject }[] = [];
    for (const d of this.dependents.get(uid) ?? []) {
      const node = this.byUid.get(d);
      const obj = this.objectOf(d);
      if (node && obj && obj.metadata?.ownerReferences?.some((r) => r.uid === uid)) out.push({ node, obj });
    }
    return out;
  }

  private orphan(node: Node, owner: KubeObject): boolean {
    const uid = owner.metadata!.uid!;
    for (const { node: dn, obj } of this.dependentsOf(uid)) {
      const refs = (obj.metadata!.ownerReferences ?? []).filter((r) => r.uid !== uid);
      this.client.patch(dn.gvr, obj.metadata?.namespace, obj.metadata!.name!, { metadata: { ownerReferences: refs.length ? refs : null, uid: obj.metadata!.uid } }, 'application/merge-patch+json');
    }
    return this.dropFinalizer(node, owner, 'orphan');
  }

  private foreground(node: Node, owner: KubeObject): boolean {
    const deps = this.dependentsOf(owner.metadata!.uid!);
    for (const { node: dn, obj } of deps) if (!obj.metadata?.deletionTimestamp) this.remove(dn, obj, 'Foreground');
    if (deps.length) return true; // wait: their deletion events requeue the owner
    return this.dropFinalizer(node, owner, 'foregroundDeletion');
  }

  private dropFinalizer(node: Node, obj: KubeObject, finalizer: string): boolean {
    const finalizers = (obj.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    const r = this.client.patch(node.gvr, obj.metadata?.namespace, obj.metadata!.name!, { metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: obj.metadata!.resourceVersion } }, 'application/merge-patch+json');
    return r.code === 200 || r.code === 404;
  }
}

/** Same owners, finalizers and deletion state: nothing the collector acts on changed. */
function sameGraph(a: KubeObject, b: KubeObject): boolean {
  const ma = a.metadata ?? {};
  const mb = b.metadata ?? {};
  return (
    ma.uid === mb.uid &&
    ma.deletionTimestamp === mb.deletionTimestamp &&
    sameJsonText(ma.ownerReferences ?? [], mb.ownerReferences ?? []) &&
    sameJsonText(ma.finalizers ?? [], mb.finalizers ?? [])
  );
}
