/**
 * kube-controller-manager: one process running every controller over one set of shared
 * informers. start() lists and watches; stop() drops everything (state lives in the API, so a
 * restart simply re-lists, as the real process does).
 */
import type { SimClock } from '../clock';
import type { SeededRandom } from '../random';
import type { ApiClient } from '../apiserver/client';
import { InformerFactory } from './machinery/informer';
import type { Controller, ControllerContext } from './machinery/controller';
import { ReplicaSetController } from './replicaset';
import { DeploymentController } from './deployment';
import { ServiceAccountController } from './serviceaccount';
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
import { CsrSigningController } from './csrsigning';
import { PodGcController } from './podgc';
import { TokenCleaner } from './tokencleaner';
import { HorizontalPodAutoscalerController } from './hpa';
import { DisruptionController } from './disruption';
import { LocalPathProvisioner } from './localpath-provisioner';

export interface ControllerManagerOptions {
  client: ApiClient;
  clock: SimClock;
  random: SeededRandom;
  clusterCidr?: string;
  caCert?: string;
  /** Extra controllers (tests); each gets the shared context. */
  extra?: ((ctx: ControllerContext) => Controller)[];
}

export type ControllerFactory = (ctx: ControllerContext, opts: ControllerManagerOptions) => Controller;

/** Every controller this controller-manager runs, in start order. */
export const CONTROLLERS: Record<string, ControllerFactory> = {
  serviceaccount: (ctx, o) => new ServiceAccountController(ctx, o.caCert ?? DEFAULT_CA),
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
  csrsigning: (ctx) => new CsrSigningController(ctx),
  'pod-garbage-collector': (ctx) => new PodGcController(ctx),
  tokencleaner: (ctx) => new TokenCleaner(ctx),
  'horizontal-pod-autoscaler': (ctx) => new HorizontalPodAutoscalerController(ctx),
  disruption: (ctx) => new DisruptionController(ctx),
  // The local-path add-on's process: idle unless its Deployment runs in local-path-storage.
  'local-path-provisioner': (ctx) => new LocalPathProvisioner(ctx),
};

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
    this.controllers = Object.values(CONTROLLERS).map((make) => make(ctx, this.opts));
    for (const make of this.opts.extra ?? []) this.controllers.push(make(ctx));
    for (const c of this.controllers) c.setup();
    this.factory = factory;
    factory.startAll();
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
