/**
 * The serviceaccount controller (a `default` ServiceAccount in every active namespace) and the
 * root-ca-cert-publisher (a `kube-root-ca.crt` ConfigMap in every namespace, which projected
 * service-account volumes mount).
 */
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import { splitKey, type Informer } from './machinery/informer';
import { status } from './machinery/objects';

export const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
export const SERVICEACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts' };
export const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const ROOT_CA = 'kube-root-ca.crt';
const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class ServiceAccountController extends Controller {
  readonly name = 'serviceaccount';
  private namespaces!: Informer;
  private sas!: Informer;
  private cms!: Informer;

  constructor(
    ctx: ControllerContext,
    /** The cluster CA certificate (PEM) published into every namespace. */
    private readonly caCert: () => string,
  ) {
    super(ctx);
  }

  setup(): void {
    this.namespaces = this.ctx.factory.for(NAMESPACES);
    this.sas = this.ctx.factory.for(SERVICEACCOUNTS);
    this.cms = this.ctx.factory.for(CONFIGMAPS);
    this.namespaces.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b) });
    const byNs = (o: KubeObject) => this.queue.add(String(o.metadata?.namespace));
    this.sas.addHandlers({ onDelete: (o) => o.metadata?.name === 'default' && byNs(o) });
    this.cms.addHandlers({ onDelete: (o) => o.metadata?.name === ROOT_CA && byNs(o), onUpdate: (_a, b) => b.metadata?.name === ROOT_CA && byNs(b) });
  }

  sync(key: string): boolean {
    const ns = this.namespaces.get(splitKey(key).name);
    if (!ns || ns.metadata?.deletionTimestamp || status(ns).phase === 'Terminating') return true;
    const name = ns.metadata!.name!;
    let ok = true;
    if (!this.sas.getByName(name, 'default')) {
      const r = this.client.create(SERVICEACCOUNTS, name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
      ok = r.code === 201 || r.code === 409;
    }
    const cm = this.cms.getByName(name, ROOT_CA);
    const body = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ROOT_CA, namespace: name, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
      data: { 'ca.crt': this.caCert() },
    };
    if (!cm) {
      const r = this.client.create(CONFIGMAPS, name, body);
      ok = ok && (r.code === 201 || r.code === 409);
    } else if ((cm.data as Record<string, string> | undefined)?.['ca.crt'] !== this.caCert()) {
      this.client.update(CONFIGMAPS, name, { ...cm, data: body.data });
    }
    return ok;
  }
}
