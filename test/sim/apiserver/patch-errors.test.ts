/**
 * How the API server refuses patches, with the answers of k8s.io/apiserver's patch handler
 * (endpoints/handlers/patch.go) and structured-merge-diff: what kubectl then prints is checked
 * against the real kubectl in test/kubectl/writes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { newServer, deployment, DEPLOYMENTS } from './helpers';
import type { PatchType, Status } from '../../../src/sim/apiserver';

function patched(body: unknown, patchType: PatchType, query: Record<string, string> = {}) {
  const { client } = newServer();
  client.create(DEPLOYMENTS, 'default', deployment('web'));
  return client.request({ verb: 'patch', ...DEPLOYMENTS, namespace: 'default', name: 'web', body, patchType, query });
}

describe('a JSON patch', () => {
  it('that does not apply is a 422 with the generic message (NewGenericServerResponse keeps only the code)', () => {
    for (const op of [{ op: 'remove', path: '/spec/nope' }, { op: 'test', path: '/spec/replicas', value: 9 }, { op: 'add', path: '/spec/template/spec/containers/5', value: {} }]) {
      const r = patched([op], 'application/json-patch+json');
      expect(r.body).toEqual({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422, details: {},
        message: 'the server rejected our request due to an error in our request',
      });
    }
  });

  it('that is not a list of operations fails its strict decoding (field validation Warn by default)', () => {
    expect((patched({ op: 'add' }, 'application/json-patch+json').body as Status).message).toBe('error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp');
    expect((patched([1], 'application/json-patch+json').body as Status).message).toBe('error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp');
    const ignored = patched({ op: 'add' }, 'application/json-patch+json', { fieldValidation: 'Ignore' });
    expect([ignored.code, (ignored.body as Status).message]).toEqual([400, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch']);
  });
});

describe('a patch sent as malformed JSON', () => {
  it('fails with Go\'s syntax error, prefixed "error decoding patch" where the handler decodes strictly first', () => {
    const message = (type: PatchType, query?: Record<string, string>) => (patched('{bad', type, query).body as Status).message;
    expect(message('application/strategic-merge-patch+json')).toBe("invalid character 'b' looking for beginning of object key string");
    expect(message('application/merge-patch+json')).toBe("error decoding patch: invalid character 'b' looking for beginning of object key string");
    expect(message('application/json-patch+json')).toBe("error decoding patch: invalid character 'b' looking for beginning of object key string");
    expect(message('application/merge-patch+json', { fieldValidation: 'Ignore' })).toBe('Invalid JSON Patch');
  });
});

describe('an applied configuration', () => {
  it('with a field its kind does not declare fails as SMD fails to type it: a 500 without reason, the field named by its list keys', () => {
    const applied = JSON.parse(JSON.stringify({ ...deployment('web'), metadata: { name: 'web', namespace: 'default' } })) as { spec: { template: { spec: { containers: object[] } } } };
    applied.spec.template.spec.containers = [{ name: 'web', image: 'nginx', colour: 'red', ports: [{ containerPort: 80, protocol: 'TCP', shade: 1 }] }];
    const r = patched(JSON.stringify(applied), 'application/apply-patch+yaml', { fieldManager: 'kubectl', fieldValidation: 'Ignore' });
    expect(r.code).toBe(500);
    expect(r.body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500,
      message:
        'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n' +
        '  .spec.template.spec.containers[name="web"].colour: field not declared in schema\n' +
        '  .spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"].shade: field not declared in schema',
    });
  });

  // Texts of structured-merge-diff v4.6.0 (typed/validate.go validateScalar, typed/helpers.go
  // mapValue and listValue): numbers decode as float64, a value prints as SMD's
  // *value.valueUnstructured does under %v (&{…}) and %#v; a port's key takes its protocol's
  // default (+default="TCP" in k8s.io/api core/v1). Go visits a map's fields in no fixed
  // order; ours follow the document.
  it('with a value of the wrong type fails as SMD fails to type it: a 500 naming what it expected', () => {
    const applied = JSON.parse(JSON.stringify({ ...deployment('web'), metadata: { name: 'web', namespace: 'default', labels: { version: 1.5 } } })) as {
      spec: { replicas: unknown; paused?: unknown; selector: unknown; template: { spec: { containers: object[] } } };
    };
    applied.spec.replicas = 'two';
    applied.spec.paused = 3;
    applied.spec.template.spec.containers = [{ name: 'web', image: 5, args: 'run', ports: [{ containerPort: true }] }];
    const r = patched(JSON.stringify(applied), 'application/apply-patch+yaml', { fieldManager: 'kubectl' });
    expect(r.code).toBe(500);
    expect((r.body as Status).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n' +
        '  .metadata.labels.version: expected string, got &value.valueUnstructured{Value:1.5}\n' +
        '  .spec.replicas: expected numeric (int or float), got string\n' +
        '  .spec.template.spec.containers[name="web"].image: expected string, got &value.valueUnstructured{Value:5}\n' +
        '  .spec.template.spec.containers[name="web"].args: expected list, got &{run}\n' +
        '  .spec.template.spec.containers[name="web"].ports[containerPort=true,protocol="TCP"].containerPort: expected numeric (int or float), got bool\n' +
        '  .spec.paused: expected boolean, got &{3}',
    );
  });

  it('with a keyed list item that lacks its key, or is no map, gives up on that list (SMD listItemToPathElement)', () => {
    const applied = JSON.parse(JSON.stringify({ ...deployment('web'), metadata: { name: 'web', namespace: 'default' } })) as { spec: { template: { spec: Record<string, unknown> } } };
    applied.spec.template.spec.containers = [{ image: 'nginx', colour: 'red' }, { name: 'b', image: 5 }];
    applied.spec.template.spec.tolerations = ['x'];
    applied.spec.template.spec.initContainers = [{ name: 'i', image: 'busybox' }, 'x', { name: 'j', image: 7 }];
    const r = patched(JSON.stringify(applied), 'application/apply-patch+yaml', { fieldManager: 'kubectl' });
    expect((r.body as Status).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n' +
        '  .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)\n' +
        '  .spec.template.spec.tolerations[0]: expected map, got &{x}\n' +
        '  .spec.template.spec.initContainers: element 1: associative list with keys may not have non-map elements',
    );
  });

  it('with one value of the wrong type names it alone', () => {
    const applied = JSON.parse(JSON.stringify({ ...deployment('web'), metadata: { name: 'web', namespace: 'default' } })) as { spec: { template: unknown } };
    applied.spec.template = ['a', 2];
    const r = patched(JSON.stringify(applied), 'application/apply-patch+yaml', { fieldManager: 'kubectl' });
    expect([r.code, (r.body as Status).message]).toEqual([500, 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template: expected map, got &{[a 2]}']);
  });
});
