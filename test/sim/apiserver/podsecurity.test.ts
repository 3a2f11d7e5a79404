import { describe, expect, it } from 'vitest';
import { newServer, pod, deployment, withNamespace, PODS, DEPLOYMENTS, NAMESPACES } from './helpers';
import type { KubeObject, Status } from '../../../src/sim/apiserver';

function labelNamespace(client: ReturnType<typeof newServer>['client'], ns: string, labels: Record<string, string>) {
  const cur = client.get(NAMESPACES, undefined, ns).body as KubeObject;
  client.update(NAMESPACES, undefined, { ...cur, metadata: { ...cur.metadata, labels: { ...cur.metadata!.labels, ...labels } } });
}

describe('PodSecurity admission', () => {
  it('enforces the restricted level with the real message', () => {
    const { client } = newServer();
    withNamespace(client, 'secure');
    labelNamespace(client, 'secure', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const r = client.create(PODS, 'secure', pod('web'));
    expect(r.code).toBe(403);
    expect((r.body as Status).message).toBe(
      'pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    const good = pod('ok');
    const spec = good.spec as { securityContext?: unknown; containers: Record<string, unknown>[] };
    spec.securityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    spec.containers[0].securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    expect(client.create(PODS, 'secure', good).code).toBe(201);
  });

  it('enforces baseline: privileged and host namespaces', () => {
    const { client } = newServer();
    withNamespace(client, 'base');
    labelNamespace(client, 'base', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.33' });
    const p = pod('priv');
    const spec = p.spec as { hostNetwork?: boolean; containers: Record<string, unknown>[] };
    spec.hostNetwork = true;
    spec.containers[0].securityContext = { privileged: true };
    const r = client.create(PODS, 'base', p);
    expect((r.body as Status).message).toBe(
      'pods "priv" is forbidden: violates PodSecurity "baseline:v1.33": host namespaces (hostNetwork=true), privileged (container "web" must not set securityContext.privileged=true)',
    );
  });

  it('warns for workloads whose template would be refused', () => {
    const { client } = newServer();
    withNamespace(client, 'secure');
    labelNamespace(client, 'secure', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const r = client.create(DEPLOYMENTS, 'secure', deployment('web'));
    expect(r.code).toBe(201);
    expect(r.warnings).toEqual([
      'would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });

  it('leaves unlabelled namespaces alone', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(PODS, 'default', pod('web'));
    expect(r.code).toBe(201);
    expect(r.warnings).toBeUndefined();
  });
});

describe('PodSecurity on namespace labels', () => {
  it('warns about existing pods when the enforce level tightens', () => {
    const { client } = newServer();
    withNamespace(client, 'team');
    for (const n of ['a', 'b', 'c']) client.create(PODS, 'team', pod(n));
    const cur = client.get(NAMESPACES, undefined, 'team').body as KubeObject;
    const r = client.update(NAMESPACES, undefined, { ...cur, metadata: { ...cur.metadata, labels: { ...cur.metadata!.labels, 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    expect(r.code).toBe(200);
    expect(r.warnings).toEqual([
      'existing pods in namespace "team" violate the new PodSecurity enforce level "restricted:latest"',
      'a (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
    ]);
  });
});
