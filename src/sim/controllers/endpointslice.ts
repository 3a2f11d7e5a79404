/**
 * The EndpointSlice controller: one slice per Service (named `<service>-<5 chars>`, owned by the
 * Service, labelled kubernetes.io/service-name) with an endpoint per selected pod and its
 * ready/serving/terminating conditions.
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, splitKey, type Informer } from './machinery/informer';
import { controllerOf, ownerRef, spec, sameCanonical } from './machinery/objects';
import { podsInformer } from './replicaset';
import { servicesInformer } from './endpoints';
import { resolvePorts, serviceTargets, servicesFor } from './machinery/service-endpoints';

const SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';

export class EndpointSliceController extends Controller {
  readonly name = 'endpointslice';
  private services!: Informer;
  private slices!: Informer;
  private pods!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override eventSource(): string {
    return 'endpoint-slice-controller';
  }

  setup(): void {
    this.services = servicesInformer(this.ctx);
    this.slices = this.ctx.factory.for(SLICES);
    this.slices.addIndex('service', (s) => (s.metadata?.labels?.[MANAGED_BY] === CONTROLLER ? [`${s.metadata?.namespace}/${s.metadata?.labels?.[SERVICE_NAME]}`] : []));
    this.pods = podsInformer(this.ctx);
    this.services.addHandlers({ onAdd: (s) => this.enqueue(s), onUpdate: (_a, b) => this.enqueue(b), onDelete: (s) => this.enqueue(s) });
    const onPod = (p: KubeObject) => servicesFor(p, this.services).forEach((s) => this.enqueue(s));
    this.pods.addHandlers({ onAdd: onPod, onUpdate: (a, b) => (onPod(b), !sameCanonical(a.metadata?.labels, b.metadata?.labels) && onPod(a)), onDelete: onPod });
    this.slices.addHandlers({ onDelete: (s) => s.metadata?.labels?.[MANAGED_BY] === CONTROLLER && this.queue.add(`${s.metadata?.namespace}/${s.metadata?.labels?.[SERVICE_NAME]}`) });
  }

  sync(key: string): boolean {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(key);
    const mine = this.slices.byIndex('service', key);
    const selector = svc && (spec(svc).selector as Record<string, string> | undefined);
    // ExternalName services receive no slices from this controller (syncService, issues.k8s.io/105986).
    if (!svc || spec(svc).type === 'ExternalName' || !selector || !Object.keys(selector).length) {
      // The garbage collector removes slices of deleted Services (ownerReferences); nothing to manage.
      return true;
    }
    const targets = serviceTargets(svc, this.pods.byIndex('namespace', namespace ?? ''));
    let ports: object[] = [];
    const endpoints = targets.map((t) => {
      const p = resolvePorts(svc, t.pod);
      // The controller always sets a port's name (a pointer): "" for an unnamed Service port.
      if (p && !ports.length) ports = p.map((x) => ({ name: x.name ?? '', protocol: x.protocol, port: x.port, ...(x.appProtocol ? { appProtocol: x.appProtocol } : {}) }));
      const e: Record<string, unknown> = {
        addresses: [t.ip],
        conditions: { ready: t.ready, serving: isServing(t.pod, t.terminating, t.ready), terminating: t.terminating },
        targetRef: { kind: 'Pod', name: t.pod.metadata!.name, namespace: t.pod.metadata!.namespace, uid: t.pod.metadata!.uid },
      };
      if (t.nodeName) e.nodeName = t.nodeName;
      return e;
    });
    if (!ports.length && !endpoints.length) ports = [];
    const labels = { ...(svc.metadata?.labels ?? {}), [MANAGED_BY]: CONTROLLER, [SERVICE_NAME]: name };
    const desired = { addressType: 'IPv4', endpoints: endpoints.length ? endpoints : null, ports: ports.length ? ports : null };
    const [slice, ...extra] = mine.sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
    for (const s of extra) this.client.delete(SLICES, namespace, s.metadata!.name!);
    if (!slice) {
      const r = this.client.create(SLICES, namespace, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: `${name}-`, namespace, labels, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': this.clock.rfc3339() }, ownerReferences: [{ ...ownerRef(svc, 'v1', 'Service') }] },
        ...desired,
      });
      return r.code === 201;
    }
    if (sameCanonical([slice.endpoints ?? null, slice.ports ?? null, slice.metadata?.labels], [desired.endpoints, desired.ports, labels])) return true;
    const r = this.client.update(SLICES, namespace, { ...slice, ...desired, metadata: { ...slice.metadata, labels } });
    void controllerOf;
    void keyOf;
    return r.code === 200;
  }
}

function isServing(_pod: KubeObject, terminating: boolean, ready: boolean): boolean {
  return terminating ? false : ready;
}
