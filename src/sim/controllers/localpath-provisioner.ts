/**
 * rancher/local-path-provisioner as the cluster sees it: an external provisioner for the
 * `rancher.io/local-path` storage classes. It acts only while its own pod runs (the add-on's
 * Deployment `local-path-provisioner` in `local-path-storage`, Ready): then
 *
 *   - a claim of its class on which the scheduler selected a node (annotation
 *     volume.kubernetes.io/selected-node, WaitForFirstConsumer) gets a volume `pvc-<claim uid>`:
 *     hostPath /opt/local-path-provisioner/pvc-<uid>_<namespace>_<claim> (DirectoryOrCreate)
 *     pinned to that node, claimRef set, events Provisioning and ProvisioningSucceeded on the
 *     claim; the persistent-volume controller then binds them;
 *   - a Released volume it provisioned, with reclaim policy Delete, is deleted.
 *
 * Without the add-on nothing happens: claims stay Pending with ExternalProvisioning events, as on
 * a cluster with no provisioner. (It runs with the controller-manager's loops for convenience;
 * its identity is the add-on's service account.)
 */
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../apiserver/client';
import { Controller, type ControllerContext } from './machinery/controller';
import { EventRecorder } from './machinery/events';
import { keyOf, splitKey, type Informer } from './machinery/informer';
import { isPodReady, spec, status, type Obj } from './machinery/objects';
import { LOCAL_PATH_DEFAULT_DIR, LOCAL_PATH_DEPLOYMENT, LOCAL_PATH_NAMESPACE, LOCAL_PATH_PROVISIONER } from '../addons/local-path-storage';

const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
const LOCAL_SELECTED_NODE = 'local.path.provisioner/selected-node';
const STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** How long the helper pod (busybox mkdir on the node) takes before the volume is created. */
const HELPER_POD_MS = 3_000;

export class LocalPathProvisioner extends Controller {
  readonly name = 'local-path-provisioner';
  private pvs!: Informer;
  private pvcs!: Informer;
  private classes!: Informer;
  private pods!: Informer;
  private events?: { pod: string; recorder: EventRecorder };
  /** Claims whose helper pod runs: one provisioning at a time each. */
  private readonly inFlight = new Set<string>();
  /** The add-on's own identity: what its ClusterRole local-path-provisioner-role allows. */
  private readonly own: ApiClient;

  constructor(ctx: ControllerContext) {
    super(ctx);
    const sa = `system:serviceaccount:${LOCAL_PATH_NAMESPACE}:local-path-provisioner-service-account`;
    this.own = new ApiClient(ctx.client.transport, { username: sa, groups: ['system:serviceaccounts', `system:serviceaccounts:${LOCAL_PATH_NAMESPACE}`, 'system:authenticated'] }, 'local-path-provisioner');
  }

  override get client(): ApiClient {
    return this.own;
  }

  setup(): void {
    this.pvs = this.ctx.factory.for(PVS);
    this.pvcs = this.ctx.factory.for(PVCS);
    this.classes = this.ctx.factory.for(CLASSES);
    this.pods = this.ctx.factory.for(PODS, { namespace: LOCAL_PATH_NAMESPACE });
    this.pvcs.addHandlers({ onAdd: (c) => this.queue.add(`claim:${keyOf(c)}`), onUpdate: (_a, c) => this.queue.add(`claim:${keyOf(c)}`) });
    this.pvs.addHandlers({ onAdd: (v) => this.queue.add(`volume:${v.metadata!.name}`), onUpdate: (_a, v) => this.queue.add(`volume:${v.metadata!.name}`) });
    // The provisioner (re)starting: look at everything again.
    const restarted = (p: KubeObject) => {
      if (this.isProvisionerPod(p) && isPodReady(p)) this.resyncAll();
    };
    this.pods.addHandlers({ onAdd: restarted, onUpdate: (a, b) => !isPodReady(a) && restarted(b) });
  }

  private isProvisionerPod(p: KubeObject): boolean {
    return p.metadata?.namespace === LOCAL_PATH_NAMESPACE && p.metadata?.labels?.app === LOCAL_PATH_DEPLOYMENT && !p.metadata?.deletionTimestamp;
  }

  /** The running provisioner pod, if any: the provisioner only works while it runs. */
  private runningPod(): KubeObject | undefined {
    return this.pods.list().find((p) => this.isProvisionerPod(p) && status(p).phase === 'Running' && isPodReady(p));
  }

  private resyncAll(): void {
    for (const c of this.pvcs.list()) this.queue.add(`claim:${keyOf(c)}`);
    for (const v of this.pvs.list()) this.queue.add(`volume:${v.metadata!.name}`);
  }

  /** Events come from `rancher.io/local-path_<pod>_<uuid>`, the leader identity of the process. */
  private recorderFor(pod: KubeObject): EventRecorder {
    const name = pod.metadata!.name!;
    if (this.events?.pod !== name) {
      const identity = `${LOCAL_PATH_PROVISIONER}_${name}_${this.ctx.random.uuid()}`;
      this.events = { pod: name, recorder: new EventRecorder(this.client, this.clock, { component: identity }) };
    }
    return this.events.recorder;
  }

  sync(key: string): boolean {
    const i = key.indexOf(':');
    const rest = key.slice(i + 1);
    const pod = this.runningPod();
    if (!pod) return true;
    if (key.startsWith('create:')) return this.createVolume(rest, pod);
    return key.startsWith('claim:') ? this.syncClaim(rest, pod) : this.syncVolume(rest);
  }

  private ourClass(claim: KubeObject): KubeObject | undefined {
    const name = spec(claim).storageClassName;
    const sc = name ? this.classes.getByName(undefined, String(name)) : undefined;
    return sc && sc.provisioner === LOCAL_PATH_PROVISIONER ? sc : undefined;
  }

  /**
   * shouldProvision: a claim of our class, annotated for us by the persistent-volume controller
   * (volume.kubernetes.io/storage-provisioner), on which the scheduler selected a node.
   */
  private claimToProvision(key: string): { claim: KubeObject; sc: KubeObject; node: string } | undefined {
    const claim = this.pvcs.get(key);
    if (!claim || claim.metadata?.deletionTimestamp || spec(claim).volumeName || status(claim).phase === 'Bound') return undefined;
    const sc = this.ourClass(claim);
    const annotations = claim.metadata?.annotations ?? {};
    if (!sc || (annotations[STORAGE_PROVISIONER] ?? annotations[BETA_STORAGE_PROVISIONER]) !== LOCAL_PATH_PROVISIONER) return undefined;
    const node = annotations[SELECTED_NODE];
    if (!node) return undefined; // WaitForFirstConsumer: nothing to do until a pod is scheduled
    if (this.pvs.get(`pvc-${claim.metadata!.uid}`)) return undefined;
    return { claim, sc, node };
  }

  private syncClaim(key: string, provisionerPod: KubeObject): boolean {
    const found = this.claimToProvision(key);
    if (!found || this.inFlight.has(key)) return true;
    const { claim, sc } = found;
    const { namespace } = splitKey(key);
    const typedClaim = { ...claim, kind: 'PersistentVolumeClaim', apiVersion: 'v1' };
    const events = this.recorderFor(provisionerPod);
    events.event(typedClaim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${namespace}/${claim.metadata!.name}"`);
    if ((spec(claim).accessModes ?? []).some((m: string) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod')) {
      events.event(typedClaim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata!.name}": Only support ReadWriteOnce access mode`);
      return true;
    }
    // The helper pod that makes the directory on the node runs before the volume exists.
    this.inFlight.add(key);
    this.queue.addAfter(`create:${key}`, HELPER_POD_MS);
    return true;
  }

  private createVolume(key: string, provisionerPod: KubeObject): boolean {
    this.inFlight.delete(key);
    const found = this.claimToProvision(key);
    if (!found) return true;
    const { claim, sc, node } = found;
    const name = `pvc-${claim.metadata!.uid}`;
    const { namespace } = splitKey(key);
    const typedClaim = { ...claim, kind: 'PersistentVolumeClaim', apiVersion: 'v1' };
    const base = this.basePath(node);
    const cs = spec(claim);
    const pv: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name,
        annotations: { [LOCAL_SELECTED_NODE]: node, [PROVISIONED_BY]: LOCAL_PATH_PROVISIONER },
      },
      spec: {
        accessModes: cs.accessModes,
        capacity: { storage: cs.resources?.requests?.storage ?? '0' },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata!.name, namespace, resourceVersion: claim.metadata!.resourceVersion, uid: claim.metadata!.uid },
        hostPath: { path: `${base}/${name}_${namespace}_${claim.metadata!.name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata!.name,
        volumeMode: cs.volumeMode ?? 'Filesystem',
      },
    };
    const r = this.client.create(PVS, undefined, pv);
    if (r.code !== 201 && r.code !== 409) return false;
    if (r.code === 201) this.recorderFor(provisionerPod).event(typedClaim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    return true;
  }

  /** nodePathMap of local-path-config: the node's own paths, else DEFAULT_PATH_FOR_NON_LISTED_NODES. */
  private basePath(node: string): string {
    const r = this.client.get(CONFIGMAPS, LOCAL_PATH_NAMESPACE, 'local-path-config');
    if (r.code !== 200) return LOCAL_PATH_DEFAULT_DIR;
    try {
      const config = JSON.parse(String(((r.body as KubeObject).data as Obj | undefined)?.['config.json'] ?? '{}')) as { nodePathMap?: { node: string; paths: string[] }[] };
      const map = config.nodePathMap ?? [];
      const entry = map.find((e) => e.node === node) ?? map.find((e) => e.node === 'DEFAULT_PATH_FOR_NON_LISTED_NODES');
      return entry?.paths?.[0] ?? LOCAL_PATH_DEFAULT_DIR;
    } catch {
      return LOCAL_PATH_DEFAULT_DIR;
    }
  }

  private syncVolume(name: string): boolean {
    const pv = this.pvs.get(name);
    if (!pv || pv.metadata?.deletionTimestamp) return true;
    if (pv.metadata?.annotations?.[PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return true;
    if (status(pv).phase !== 'Released' || spec(pv).persistentVolumeReclaimPolicy !== 'Delete') return true;
    const r = this.client.delete(PVS, undefined, name);
    return r.code < 300 || r.code === 404;
  }
}
