/**
 * kube-controller-manager: one process running every controller over one set of shared
 * informers. start() lists and watches; stop() drops everything (state lives in the API, so a
 * restart simply re-lists, as the real process does).
 */
import type { SimClock } from '../clock';
import type { SeededRandom } from '../random';
import { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import { InformerFactory } from './machinery/informer';
import type { Controller, ControllerContext } from './machinery/controller';
import { ReplicaSetController } from './replicaset';
import { DeploymentController } from './deployment';
import { ServiceAccountController } from './serviceaccount';
import { ServiceAccountTokensController } from './serviceaccount-tokens';
import { NodeIpamController } from './nodeipam';
import { DaemonSetController } from './daemonset';
import { NodeLifecycleController } from './nodelifecycle';
import { TaintEvictionController } from './tainteviction';
import { EndpointsController } from './endpoints';
import { EndpointSliceController } from './endpointslice';
import { NamespaceController } from './namespace';
import { GarbageCollector } from './garbagecollector';
import { JobController } from './job';
import { CronJobController } from './cronjob';
import { StatefulSetController } from './statefulset';
import { PersistentVolumeBinder } from './pvbinder';
import { PvcProtectionController } from './pvc-protection';
import { PvProtectionController } from './pv-protection';
import { VolumeExpandController } from './volume-expand';
import { CsrSigningController } from './csrsigning';
import { PodGcController } from './podgc';
import { TokenCleaner } from './tokencleaner';
import { BootstrapSigner } from './bootstrapsigner';
import { HorizontalPodAutoscalerController } from './hpa';
import { DisruptionController } from './disruption';
import { LocalPathProvisioner } from './localpath-provisioner';
import { ClusterRoleAggregationController } from './clusterrole-aggregation';

export interface ControllerManagerOptions {
  client: ApiClient;
  clock: SimClock;
  random: SeededRandom;
  clusterCidr?: string;
  /** The cluster CA certificate (PEM) the process publishes (--root-ca-file): read when needed (kubeadm writes it after the world begins). */
  caCert?: string | (() => string | undefined);
  /**
   * kubeadm's --use-service-account-credentials=true: each loop writes as its own service account
   * kube-system/<name> (authorized by ClusterRole system:controller:<name>), which the process
   * creates at start. Informers keep the process's own identity.
   */
  serviceAccountCredentials?: boolean;
  /** Extra controllers (tests); each gets the shared context. */
  extra?: ((ctx: ControllerContext) => Controller)[];
}

/** The root CA as the controllers read it: the option's file content when there is one, a stand-in otherwise. */
function rootCa(o: ControllerManagerOptions): () => string {
  return () => (typeof o.caCert === 'function' ? o.caCert() : o.caCert) ?? DEFAULT_CA;
}

export type ControllerFactory = (ctx: ControllerContext, opts: ControllerManagerOptions) => Controller;

/** Every controller this controller-manager runs, in start order. */
export const CONTROLLERS: Record<string, ControllerFactory> = {
  serviceaccount: (ctx, o) => new ServiceAccountController(ctx, rootCa(o)),
  'serviceaccount-token': (ctx, o) => new ServiceAccountTokensController(ctx, rootCa(o)),
  'node-ipam': (ctx, o) => new NodeIpamController(ctx, o.clusterCidr ?? '10.244.0.0/16'),
  replicaset: (ctx) => new ReplicaSetController(ctx),
  deployment: (ctx) => new DeploymentController(ctx),
  daemonset: (ctx) => new DaemonSetController(ctx),
  'node-lifecycle': (ctx) => new NodeLifecycleController(ctx),
  'taint-eviction': (ctx) => new TaintEvictionController(ctx),
  endpoint: (ctx) => new EndpointsController(ctx),
  endpointslice: (ctx) => new EndpointSliceController(ctx),
  namespace: (ctx) => new NamespaceController(ctx),
  'garbage-collector': (ctx) => new GarbageCollector(ctx),
  job: (ctx) => new JobController(ctx),
  cronjob: (ctx) => new CronJobController(ctx),
  statefulset: (ctx) => new StatefulSetController(ctx),
  'persistentvolume-binder': (ctx) => new PersistentVolumeBinder(ctx),
  'pvc-protection': (ctx) => new PvcProtectionController(ctx),
  'pv-protection': (ctx) => new PvProtectionController(ctx),
  'persistentvolume-expander': (ctx) => new VolumeExpandController(ctx),
  csrsigning: (ctx) => new CsrSigningController(ctx),
  'pod-garbage-collector': (ctx) => new PodGcController(ctx),
  tokencleaner: (ctx) => new TokenCleaner(ctx),
  bootstrapsigner: (ctx) => new BootstrapSigner(ctx),
  'horizontal-pod-autoscaler': (ctx) => new HorizontalPodAutoscalerController(ctx),
  disruption: (ctx) => new DisruptionController(ctx),
  'clusterrole-aggregation': (ctx) => new ClusterRoleAggregationController(ctx),
  // The local-path add-on's process: idle unless its Deployment runs in local-path-storage.
  'local-path-provisioner': (ctx) => new LocalPathProvisioner(ctx),
};

/**
 * The service account each loop uses with --use-service-account-credentials. Loops not listed
 * (whose simulated duties reach beyond their real role, e.g. the job loop also applies
 * ttlSecondsAfterFinished) keep the controller-manager's own credentials.
 */
export const CONTROLLER_SERVICE_ACCOUNTS: Record<string, string> = {
  'node-ipam': 'node-controller',
  replicaset: 'replicaset-controller',
  daemonset: 'daemon-set-controller',
  'node-lifecycle': 'node-controller',
  'taint-eviction': 'node-controller',
  endpoint: 'endpoint-controller',
  endpointslice: 'endpointslice-controller',
  namespace: 'namespace-controller',
  'garbage-collector': 'generic-garbage-collector',
  cronjob: 'cronjob-controller',
  statefulset: 'statefulset-controller',
  'persistentvolume-binder': 'persistent-volume-binder',
  'pvc-protection': 'pvc-protection-controller',
  'pv-protection': 'pv-protection-controller',
  'persistentvolume-expander': 'expand-controller',
  csrsigning: 'certificate-controller',
  'pod-garbage-collector': 'pod-garbage-collector',
  tokencleaner: 'token-cleaner',
  bootstrapsigner: 'bootstrap-signer',
  disruption: 'disruption-controller',
  'clusterrole-aggregation': 'clusterrole-aggregation-controller',
};

/** The service accounts a v1.33 kube-controller-manager creates in kube-system, one per loop it starts. */
export const KUBE_SYSTEM_CONTROLLER_ACCOUNTS = [
  'attachdetach-controller', 'bootstrap-signer', 'certificate-controller', 'clusterrole-aggregation-controller', 'cronjob-controller',
  'daemon-set-controller', 'deployment-controller', 'disruption-controller', 'endpoint-controller', 'endpointslice-controller',
  'endpointslicemirroring-controller', 'ephemeral-volume-controller', 'expand-controller', 'generic-garbage-collector',
  'horizontal-pod-autoscaler', 'job-controller', 'legacy-service-account-token-cleaner', 'namespace-controller', 'node-controller',
  'persistent-volume-binder', 'pod-garbage-collector', 'pv-protection-controller', 'pvc-protection-controller', 'replicaset-controller',
  'replication-controller', 'resourcequota-controller', 'root-ca-cert-publisher', 'service-account-controller', 'service-cidrs-controller',
  'statefulset-controller', 'token-cleaner', 'ttl-after-finished-controller', 'ttl-controller', 'validatingadmissionpolicy-status-controller',
];

export const DEFAULT_CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIK0x6Wc7Jr3wwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNjAxMTUwNzU1MDBaFw0zNjAxMTMwODAwMDBaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\n-----END CERTIFICATE-----\n';

export class ControllerManager {
  private factory?: InformerFactory;
  private controllers: Controller[] = [];

  constructor(private readonly opts: ControllerManagerOptions) {}

  get isRunning(): boolean {
    return !!this.factory;
  }

  start(): void {
    if (this.factory) return;
    const factory = new InformerFactory(this.opts.client);
    const ctx: ControllerContext = { client: this.opts.client, factory, clock: this.opts.clock, random: this.opts.random };
    if (this.opts.serviceAccountCredentials) this.ensureServiceAccounts();
    this.controllers = Object.entries(CONTROLLERS).map(([name, make]) => make(this.contextFor(name, ctx), this.opts));
    for (const make of this.opts.extra ?? []) this.controllers.push(make(ctx));
    for (const c of this.controllers) c.setup();
    this.factory = factory;
    factory.startAll();
  }

  /** A loop's context: its own service account's client under --use-service-account-credentials. */
  private contextFor(name: string, ctx: ControllerContext): ControllerContext {
    const sa = this.opts.serviceAccountCredentials ? CONTROLLER_SERVICE_ACCOUNTS[name] : undefined;
    if (!sa) return ctx;
    const user = { username: `system:serviceaccount:kube-system:${sa}`, groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] };
    return { ...ctx, client: new ApiClient(this.opts.client.transport, user, this.opts.client.fieldManager) };
  }

  private ensureServiceAccounts(): void {
    const SAS = { group: '', version: 'v1', resource: 'serviceaccounts' };
    const existing = this.opts.client.list(SAS, 'kube-system');
    if (existing.code !== 200) return;
    const have = new Set((existing.body as { items: KubeObject[] }).items.map((o) => o.metadata?.name));
    for (const name of KUBE_SYSTEM_CONTROLLER_ACCOUNTS)
      if (!have.has(name)) this.opts.client.create(SAS, 'kube-system', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system' } });
  }

  stop(): void {
    if (!this.factory) return;
    this.factory.stopAll();
    for (const c of this.controllers) c.stop();
    this.controllers = [];
    this.factory = undefined;
  }

  controller<T extends Controller>(name: string): T | undefined {
    return this.controllers.find((c) => c.name === name) as T | undefined;
  }
}
