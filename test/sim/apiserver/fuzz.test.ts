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
    const trickyKey = fc.constantFrom('valueOf', 'constructor', 'toString', 'spec', 'metadata', 'status', 'containers', 'ports', 'labels');
    const tricky = fc.dictionary(trickyKey, fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(trickyKey, fc.jsonValue({ maxDepth: 2 }))));
    const body = fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutated(pod('x')), mutated(deployment('x')), tricky);
    fc.assert(
      fc.property(fc.constantFrom(...RESOURCES), fc.constantFrom('create', 'update', 'patch'), body, (resource, verb, b) => {
        const r = resourceFor(resource);
        const name = verb === 'create' ? undefined : 'live';
        const res = server.request({ verb: verb as 'create', ...r, namespace: 'default', name, body: b, patchType: 'application/merge-patch+json' });
        expect(res.code, JSON.stringify(res.body)).not.toBe(500);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });
});

function resourceFor(resource: string) {
  const g = gvr(resource);
  return { group: g.group, version: g.version, resource: g.resource };
}

describe('inherited property names', () => {
  it('are unknown fields like any other', () => {
    const { client, server } = newServer();
    withNamespace(client, 'default');
    for (const key of ['valueOf', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = server.request({ verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: 'default', body: { [key]: 0, spec: { [key]: 1 } }, query: { fieldValidation: 'Strict' } });
      expect(r.code, key).toBe(400);
    }
  });
});
