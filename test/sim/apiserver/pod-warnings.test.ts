/**
 * The warnings of creating a pod or a pod template (pkg/api/pod/warnings.go), and of updating a
 * workload (the strategies' WarningsOnUpdate: when the generation changed), as Warning headers of
 * the answer; what the real kubectl prints of them is checked in test/kubectl/writes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { newServer, pod, deployment, withNamespace, PODS, DEPLOYMENTS } from './helpers';
import type { KubeObject } from '../../../src/sim/apiserver';

type Spec = { containers: Record<string, unknown>[]; nodeSelector?: Record<string, string> };
const specOf = (o: KubeObject) => o.spec as Spec;

describe('warnings on create', () => {
  it('name deprecated node labels, hidden env variables and fractional bytes', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const p = pod('legacy');
    specOf(p).nodeSelector = { 'beta.kubernetes.io/arch': 'amd64' };
    specOf(p).containers[0].env = [{ name: 'A', value: '1' }, { name: 'A', value: '$(A)-more' }, { name: 'A', value: '2' }];
    specOf(p).containers[0].resources = { requests: { memory: '100m' } };
    expect(client.create(PODS, 'default', p).warnings).toEqual([
      'spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead',
      'spec.containers[0].resources.requests[memory]: fractional byte value "100m" is invalid, must be an integer',
      'spec.containers[0].env[2]: hides previous definition of "A", which may be dropped when using apply',
    ]);
  });

  it('name a template\'s fields under spec.template', () => {
    const { client } = newServer();
    const d = deployment('web');
    specOf((d.spec as { template: KubeObject }).template).nodeSelector = { 'failure-domain.beta.kubernetes.io/region': 'eu' };
    expect(client.create(DEPLOYMENTS, 'default', d).warnings).toEqual([
      'spec.template.spec.nodeSelector[failure-domain.beta.kubernetes.io/region]: deprecated since v1.17; use "topology.kubernetes.io/region" instead',
    ]);
  });

  it('are not given for an object that fails validation, nor on update', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const bad = pod('Bad_Name');
    specOf(bad).nodeSelector = { 'beta.kubernetes.io/os': 'linux' };
    expect(client.create(PODS, 'default', bad).warnings).toBeUndefined();
    const good = pod('good');
    specOf(good).nodeSelector = { 'beta.kubernetes.io/os': 'linux' };
    const created = client.create(PODS, 'default', good).body as KubeObject;
    expect(client.update(PODS, 'default', created).warnings).toBeUndefined();
  });
});

describe('warnings on update', () => {
  const legacy = () => {
    const d = deployment('web');
    specOf((d.spec as { template: KubeObject }).template).nodeSelector = { 'beta.kubernetes.io/arch': 'amd64' };
    return d;
  };
  const warning = 'spec.template.spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead';

  it('come again for a workload whose update changes its generation (deploymentStrategy.WarningsOnUpdate)', () => {
    const { client } = newServer();
    const created = client.create(DEPLOYMENTS, 'default', legacy()).body as KubeObject;
    const next = structuredClone(created);
    specOf((next.spec as { template: KubeObject }).template).containers[0].image = 'nginx:1.28';
    const r = client.update(DEPLOYMENTS, 'default', next);
    expect((r.body as KubeObject).metadata?.generation).toBe(2);
    expect(r.warnings).toEqual([warning]);
  });

  it('not for an update that leaves the generation (labels), nor for a replicas change through /scale without a template fault', () => {
    const { client } = newServer();
    const created = client.create(DEPLOYMENTS, 'default', legacy()).body as KubeObject;
    const labelled = { ...structuredClone(created), metadata: { ...created.metadata, labels: { team: 'a' } } };
    const r = client.update(DEPLOYMENTS, 'default', labelled);
    expect(r.code).toBe(200);
    expect(r.warnings).toBeUndefined();
    const plain = client.create(DEPLOYMENTS, 'default', deployment('plain')).body as KubeObject;
    const scaled = client.patch(DEPLOYMENTS, 'default', 'plain', { spec: { replicas: 4 } }, 'application/merge-patch+json');
    expect((scaled.body as KubeObject).metadata?.generation).toBe((plain.metadata?.generation ?? 0) + 1);
    expect(scaled.warnings).toBeUndefined();
  });

  it('a replicas change is an update that changes the generation: the template\'s faults are told again', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', legacy());
    const scaled = client.patch(DEPLOYMENTS, 'default', 'web', { spec: { replicas: 4 } }, 'application/merge-patch+json');
    expect(scaled.warnings).toEqual([warning]);
  });
});

