/**
 * The Endpoints controller: for every Service with a selector, an Endpoints object of the same
 * name listing the selected pods' IPs — ready pods under `addresses`, the others under
 * `notReadyAddresses` — with the Service's ports resolved against each pod (named targetPorts).
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { splitKey, type Informer } from './machinery/informer';
import { canonical, spec, sameCanonical } from './machinery/objects';
import { podsInformer } from './replicaset';
import { resolvePorts, serviceTargets, servicesFor } from './machinery/service-endpoints';

export const SERVICES = { group: '', version: 'v1', resource: 'services' };
const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints' };

/** Services informer with a namespace index (shared by the endpoint controllers). */
export function servicesInformer(ctx: ControllerContext): Informer {
  const inf = ctx.factory.for(SERVICES);
  if (!(inf as unknown as { indexed?: boolean }).indexed) {
    inf.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
    (inf as unknown as { indexed?: boolean }).indexed = true;
  }
  return inf;
}

export class EndpointsController extends Controller {
  readonly name = 'endpoint';
  private services!: Informer;
  private endpoints!: Informer;
  private pods!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.services = servicesInformer(this.ctx);
    this.endpoints = this.ctx.factory.for(ENDPOINTS);
    this.pods = podsInformer(this.ctx);
    this.services.addHandlers({ onAdd: (s) => this.enqueue(s), onUpdate: (_a, b) => this.enqueue(b), onDelete: (s) => this.enqueue(s) });
    const onPod = (p: KubeObject) => servicesFor(p, this.services).forEach((s) => this.enqueue(s));
    this.pods.addHandlers({
      onAdd: onPod,
      onUpdate: (a, b) => {
        onPod(b);
        if (!sameCanonical(a.metadata?.labels, b.metadata?.labels)) onPod(a);
      },
      onDelete: onPod,
    });
    this.endpoints.addHandlers({ onDelete: (e) => this.queue.add(`${e.metadata?.namespace}/${e.metadata?.name}`) });
  }

  sync(key: string): boolean {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(key);
    const existing = this.endpoints.get(key);
    if (!svc) {
      if (existing && !(namespace === 'default' && name === 'kubernetes')) this.client.delete(ENDPOINTS, namespace, name);
      return true;
    }
    if (spec(svc).type === 'ExternalName') return true; // receives no endpoints from this controller (issues.k8s.io/105986)
    const selector = spec(svc).selector as Record<string, string> | undefined;
    if (!selector || !Object.keys(selector).length) return true; // user-managed endpoints
    const targets = serviceTargets(svc, this.pods.byIndex('namespace', namespace ?? ''));
    const bySignature = new Map<string, { addresses: object[]; notReadyAddresses: object[]; ports: object[] }>();
    for (const t of targets) {
      const ports = resolvePorts(svc, t.pod);
      if (!ports) continue;
      const sig = canonical(ports);
      let subset = bySignature.get(sig);
      if (!subset) bySignature.set(sig, (subset = { addresses: [], notReadyAddresses: [], ports }));
      const addr: Record<string, unknown> = { ip: t.ip, targetRef: { kind: 'Pod', name: t.pod.metadata!.name, namespace: t.pod.metadata!.namespace, uid: t.pod.metadata!.uid } };
      if (t.nodeName) addr.nodeName = t.nodeName;
      if (t.terminating) continue;
      (t.ready ? subset.addresses : subset.notReadyAddresses).push(addr);
    }
    const subsets = [...bySignature.values()]
      .filter((s) => s.addresses.length || s.notReadyAddresses.length)
      .map((s) => {
        const o: Record<string, unknown> = {};
        if (s.addresses.length) o.addresses = s.addresses;
        if (s.notReadyAddresses.length) o.notReadyAddresses = s.notReadyAddresses;
        o.ports = s.ports;
        return o;
      });
    const labels = { ...(svc.metadata?.labels ?? {}) };
    const body: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels } };
    if (!Object.keys(labels).length) delete body.metadata!.labels;
    if (subsets.length) body.subsets = subsets;
    if (!existing) {
      body.metadata!.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': this.clock.rfc3339() };
      const r = this.client.create(ENDPOINTS, namespace, body);
      return r.code === 201 || r.code === 409;
    }
    if (sameCanonical(existing.subsets ?? [], body.subsets ?? []) && sameCanonical(existing.metadata?.labels ?? {}, labels)) return true;
    const next: KubeObject = { ...existing, subsets: body.subsets, metadata: { ...existing.metadata, labels: body.metadata!.labels, annotations: { ...(existing.metadata?.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': this.clock.rfc3339() } } };
    if (!body.subsets) delete next.subsets;
    const r = this.client.update(ENDPOINTS, namespace, next);
    return r.code === 200;
  }
}
