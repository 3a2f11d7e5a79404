/**
 * Quantities come back as Go writes them: the server decodes each into a resource.Quantity and
 * encodes it again (Quantity.String()), so what was sent as `cpu: 0.5` is stored and answered as
 * 500m, `memory: 1024Mi` as 1Gi (a real v1.33 server: `kubectl get pod -o yaml` after applying
 * `cpu: "0.5"` shows `cpu: 500m`). The canonical texts themselves are checked against kubectl 1.33
 * in internal-quantity.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { newServer, withNamespace, PODS } from './helpers';
import type { KubeObject } from '../../../src/sim/apiserver';

const resources = (o: KubeObject) => ((o.spec as { containers: { resources: unknown }[] }).containers[0].resources);

function quantityPod(requests: Record<string, unknown>, limits: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests, limits } }] } };
}

describe('quantities as the server stores them', () => {
  it('are written back in canonical form: 0.5 → 500m, 1024Mi → 1Gi, 1000m → 1, a bare number as text', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(PODS, 'default', quantityPod({ cpu: '0.5', memory: '1024Mi' }, { cpu: '1000m', memory: 2147483648 }));
    expect(r.code).toBe(201);
    expect(resources(r.body as KubeObject)).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2147483648' } });
    expect(resources(client.get(PODS, 'default', 'q').body as KubeObject)).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2147483648' } });
  });

  it('also in a server dry run\'s answer', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(PODS, 'default', quantityPod({ memory: '2048Ki' }), { dryRun: 'All' });
    expect(resources(r.body as KubeObject)).toEqual({ requests: { memory: '2Mi' }, limits: {} });
  });

  it('an update that sends the same amount in another form writes nothing (same resourceVersion)', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const created = client.create(PODS, 'default', quantityPod({ cpu: '500m' })).body as KubeObject;
    const same = structuredClone(created);
    (resources(same) as { requests: Record<string, string> }).requests.cpu = '0.5';
    const r = client.update(PODS, 'default', same);
    expect(r.code).toBe(200);
    expect((r.body as KubeObject).metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
  });

  it('text that is no quantity fails decoding, as Go\'s ParseQuantity does', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(PODS, 'default', quantityPod({ memory: '1GB' }));
    expect(r.code).toBe(400);
    expect((r.body as { message: string }).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
  });
});
