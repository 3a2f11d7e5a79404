/** A simple cluster with metrics-server installed from its release manifest, for metrics and HPA tests. */
import { parseAllDocuments } from 'yaml';
import { gvr, type ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { metricsServerManifest } from '../../../src/sim/addons/metrics-server';
import { simpleCluster } from '../cluster/helpers';

/** The manifest's objects; with insecureTls the Deployment gets --kubelet-insecure-tls (what every guide tells you to add). */
export function metricsServerObjects(insecureTls: boolean): KubeObject[] {
  const objs = parseAllDocuments(metricsServerManifest()).map((d) => d.toJS() as KubeObject);
  if (insecureTls) {
    const d = objs.find((o) => o.kind === 'Deployment')!;
    ((d.spec as any).template.spec.containers[0].args as string[]).push('--kubelet-insecure-tls'); // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  return objs;
}

export function createAll(admin: ApiClient, objs: KubeObject[]): void {
  for (const o of objs) {
    const r = admin.create(gvr(o.kind!), o.metadata?.namespace, o);
    if (r.code >= 300) throw new Error(`${o.kind} ${o.metadata?.name}: ${JSON.stringify(r.body)}`);
  }
}

export function metricsCluster(opts: { insecureTls?: boolean; install?: boolean } = {}) {
  const env = simpleCluster();
  if (opts.install ?? true) createAll(env.admin, metricsServerObjects(opts.insecureTls ?? true));
  return env;
}
