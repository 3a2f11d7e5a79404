import { describe, expect, it } from 'vitest';
import { explain, loadExplainData } from '../../../src/sim/apiserver/explain';

describe('explain data', () => {
  it('describes kinds and fields with kubectl type names', async () => {
    await loadExplainData();
    const d = explain('apps', 'v1', 'Deployment');
    expect('error' in d).toBe(false);
    if ('error' in d) return;
    expect(d.description).toBe('Deployment enables declarative updates for Pods and ReplicaSets.');
    expect(d.fields.map((f) => `${f.name} <${f.type}>`)).toEqual([
      'apiVersion <string>',
      'kind <string>',
      'metadata <ObjectMeta>',
      'spec <DeploymentSpec>',
      'status <DeploymentStatus>',
    ]);
    const c = explain('', 'v1', 'Pod', ['spec', 'containers']);
    if ('error' in c) throw new Error(c.error);
    expect(c.type).toBe('[]Container');
    expect(c.fields.find((f) => f.name === 'name')).toMatchObject({ type: 'string', required: true });
    expect(c.fields.find((f) => f.name === 'ports')!.type).toBe('[]ContainerPort');
    const r = explain('', 'v1', 'Pod', ['spec', 'containers', 'resources', 'limits']);
    if ('error' in r) throw new Error(r.error);
    expect(r.type).toBe('map[string]Quantity');
    const ts = explain('', 'v1', 'Service', ['spec', 'ports', 'targetPort']);
    expect(ts).toMatchObject({ type: 'IntOrString' });
    expect(explain('apps', 'v1', 'Deployment', ['spec', 'replica'])).toEqual({ error: 'field "replica" does not exist' });
  });
});

describe('explain for custom resources', () => {
  it('reads the CRD schema', async () => {
    const { explainCustom } = await import('../../../src/sim/apiserver/explain');
    const crd = {
      spec: {
        group: 'stable.example.com',
        names: { kind: 'CronTab' },
        versions: [
          {
            name: 'v1',
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    description: 'Desired state.',
                    required: ['cronSpec'],
                    properties: { cronSpec: { type: 'string', description: 'When to run.' }, replicas: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
                  },
                },
              },
            },
          },
        ],
      },
    };
    const r = explainCustom(crd, 'v1', ['spec']);
    expect(r).toMatchObject({ kind: 'CronTab', group: 'stable.example.com', field: 'spec', type: 'Object', description: 'Desired state.' });
    if ('error' in r) throw new Error(r.error);
    expect(r.fields.map((f) => `${f.name} <${f.type}>${f.required ? ' -required-' : ''}`)).toEqual(['cronSpec <string> -required-', 'replicas <integer>', 'tags <[]string>']);
    expect(explainCustom(crd, 'v1', ['spec', 'nope'])).toEqual({ error: 'field "nope" does not exist' });
  });
});
