/** Bad input gets an error Status and changes nothing; the server never answers 500 to it. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newServer, withNamespace, pod, deployment } from './helpers';
import { gvr, type KubeObject } from '../../../src/sim/apiserver';

const RESOURCES = ['pods', 'deployments', 'services', 'jobs', 'cronjobs', 'configmaps', 'namespaces', 'statefulsets', 'roles', 'rolebindings', 'persistentvolumeclaims'];

/** Objects shaped like the real kinds, with random values in random places. */
function mutated(base: KubeObject) {
  return fc
    .array(fc.tuple(fc.constantFrom('spec', 'metadata', 'status', 'data', 'rules', 'roleRef'), fc.jsonValue({ maxDepth: 3 })), { maxLength: 3 })
    .map((changes) => {
      const o = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      for (const [k, v] of changes) o[k] = v;
      return o;
    });
}

describe('fuzzed requests', () => {
  it('never produce 500 or throw', () => {
    const { client, server } = newServer();
    withNamespace(client, 'default');
    client.create(gvr('pods'), 'default', pod('live'));
    client.create(gvr('deployments'), 'default', deployment('live'));
    const body = fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutated(pod('x')), mutated(deployment('x')));
    fc.assert(
      fc.property(fc.constantFrom(...RESOURCES), fc.constantFrom('create', 'update', 'patch'), body, (resource, verb, b) => {
        const r = resourceFor(resource);
        const name = verb === 'create' ? undefined : 'live';
        const res = server.request({ verb: verb as 'create', ...r, namespace: 'default', name, body: b, patchType: 'application/merge-patch+json' });
        expect(res.code, JSON.stringify(res.body)).not.toBe(500);
      }),
      { numRuns: 400 },
    );
  });
});

function resourceFor(resource: string) {
  const g = gvr(resource);
  return { group: g.group, version: g.version, resource: g.resource };
}
