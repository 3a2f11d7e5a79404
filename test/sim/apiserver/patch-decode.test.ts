/**
 * Patched objects that do not decode into their Go type, answered as kube-apiserver 1.33's patch
 * handler answers them (endpoints/handlers/patch.go): a 422 NewInvalid(schema.GroupKind{}, "", …)
 * on the field "patch", whose value is the patched JSON (JSON and merge patches: the JSON decoder's
 * error) or Go's %+v of the patch map (strategic merge patches: the unstructured converter's error,
 * apimachinery runtime/converter.go). And numbers that Go's integer fields cannot hold, refused by
 * the JSON decoder on create and update (encoding/json: ParseInt then OverflowInt).
 */
import { describe, expect, it } from 'vitest';
import { newServer, deployment, pod, DEPLOYMENTS, PODS } from './helpers';
import { goPatchMap, mergedText, jsonPatchedText } from '../../../src/sim/apiserver/handlers/patch-decode';
import type { PatchType, Status } from '../../../src/sim/apiserver';

const SMP: PatchType = 'application/strategic-merge-patch+json';
const MERGE: PatchType = 'application/merge-patch+json';
const JSON_PATCH: PatchType = 'application/json-patch+json';

function patched(body: unknown, patchType: PatchType, query: Record<string, string> = {}) {
  const { client } = newServer();
  client.create(DEPLOYMENTS, 'default', deployment('web'));
  const r = client.request({ verb: 'patch', ...DEPLOYMENTS, namespace: 'default', name: 'web', body, patchType, query });
  const after = client.get(DEPLOYMENTS, 'default', 'web').body as { spec: { replicas: unknown }; metadata: { resourceVersion: string } };
  return { code: r.code, status: r.body as Status, after };
}

/** The Status NewInvalid builds with an empty GroupKind and name: the message opens with a space. */
function patchInvalid(value: string, detail: string): Status {
  const message = `Invalid value: ${JSON.stringify(value)}: ${detail}`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422, message: ` "" is invalid: patch: ${message}`, details: { causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] } };
}

describe('a strategic merge patch whose result the converter cannot take', () => {
  it.each([
    [{ spec: { replicas: '3' } }, 'map[spec:map[replicas:3]]', 'unrecognized type: int32'],
    [{ spec: { replicas: 1.5 } }, 'map[spec:map[replicas:1.5]]', 'cannot convert float64 to int32'],
    [{ spec: { replicas: true } }, 'map[spec:map[replicas:true]]', 'unrecognized type: int32'],
    [{ spec: { paused: 'yes' } }, 'map[spec:map[paused:yes]]', 'unrecognized type: bool'],
    [{ spec: { selector: 'x' } }, 'map[spec:map[selector:x]]', 'cannot restore struct from: string'],
    [{ spec: { template: { spec: { containers: 'x' } } } }, 'map[spec:map[template:map[spec:map[containers:x]]]]', 'cannot restore slice from string'],
    [{ metadata: { labels: 'x' } }, 'map[metadata:map[labels:x]]', 'cannot restore map from string'],
    [{ metadata: { labels: { tier: 1 } } }, 'map[metadata:map[labels:map[tier:1]]]', 'cannot convert int64 to string'],
    [{ metadata: { labels: { tier: 1.5 } } }, 'map[metadata:map[labels:map[tier:1.5]]]', 'unrecognized type: string'],
    [{ spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: '80' }] }] } } } }, 'map[spec:map[template:map[spec:map[containers:[map[name:nginx ports:[map[containerPort:80]]]]]]]]', 'unrecognized type: int32'],
    [{ spec: { strategy: { rollingUpdate: { maxSurge: 1.5 } } } }, 'map[spec:map[strategy:map[rollingUpdate:map[maxSurge:1.5]]]]', 'json: cannot unmarshal number 1.5 into Go value of type int32'],
    [{ spec: { strategy: { rollingUpdate: { maxSurge: true } } } }, 'map[spec:map[strategy:map[rollingUpdate:map[maxSurge:true]]]]', 'json: cannot unmarshal bool into Go value of type int32'],
  ])('%j: %s', (patch, map, detail) => {
    const r = patched(patch, SMP);
    expect(r.code).toBe(422);
    expect(r.status).toEqual(patchInvalid(map, detail));
    expect(r.after.spec.replicas).toBe(1);
  });

  it('cuts a whole number to an int32 as reflect.Value.Convert does, for validation to judge', () => {
    const r = patched({ spec: { replicas: 3000000000 } }, SMP);
    expect(r.code).toBe(422);
    expect(r.status.message).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1294967296: must be greater than or equal to 0');
  });

  it('lists unknown fields sorted under Strict field validation, a 422 too', () => {
    const r = patched({ spec: { zeta: 1, alpha: 2 } }, SMP, { fieldValidation: 'Strict' });
    expect(r.status).toEqual(patchInvalid('map[spec:map[alpha:2 zeta:1]]', 'strict decoding error: unknown field "spec.alpha", unknown field "spec.zeta"'));
  });
});

describe('a JSON or merge patch whose result the JSON decoder refuses', () => {
  const head = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","uid":"';
  const spec = (replicas: string) => `"spec":{"progressDeadlineSeconds":600,"replicas":${replicas},"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}}},"status":{}}`;

  it.each([
    ['merge', MERGE, { spec: { replicas: '3' } }, '"3"', 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['merge', MERGE, { spec: { replicas: 3000000000 } }, '3000000000', 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['merge', MERGE, { spec: { replicas: 1.5 } }, '1.5', 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['JSON', JSON_PATCH, [{ op: 'replace', path: '/spec/replicas', value: '3' }], '"3"', 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['JSON', JSON_PATCH, [{ op: 'replace', path: '/spec/replicas', value: -3000000000 }], '-3000000000', 'json: cannot unmarshal number -3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'],
  ])('%s patch %j', (_name, type, patch, replicas, detail) => {
    const r = patched(patch, type);
    expect(r.code).toBe(422);
    expect(Object.keys(r.status.details!)).toEqual(['causes']);
    const cause = r.status.details!.causes![0];
    expect([cause.reason, cause.field]).toEqual(['FieldValueInvalid', 'patch']);
    expect(r.status.message).toBe(` "" is invalid: patch: ${cause.message}`);
    // The value: evanphx/json-patch's bytes, maps where the patch went sorted, the rest in Go's field order.
    const value = JSON.parse(cause.message!.slice('Invalid value: '.length, cause.message!.lastIndexOf(`: ${detail}`))) as string;
    expect(cause.message!.endsWith(`: ${detail}`)).toBe(true);
    expect(value.startsWith(head)).toBe(true);
    expect(value.endsWith(spec(replicas))).toBe(true);
    expect(r.after.spec.replicas).toBe(1);
  });

  it('under Strict field validation, unknown fields are a 422 on the patch as well', () => {
    const r = patched({ spec: { zeta: 1 } }, MERGE, { fieldValidation: 'Strict' });
    expect(r.code).toBe(422);
    expect(r.status.details!.causes![0].message).toMatch(/^Invalid value: "\{\\"apiVersion\\".*"status\\":\{\}\}": strict decoding error: unknown field "spec.zeta"$/);
  });
});

describe("evanphx/json-patch's bytes", () => {
  const current = { kind: 'K', apiVersion: 'v1', metadata: { name: 'a', labels: { z: '1', b: '2' } }, spec: { z: 1, list: [{ y: 1, x: 2 }], a: { y: 1, x: 2 } } };

  it('merge: only the maps the patch merges into are sorted; what it adds is sorted and has no nulls', () => {
    expect(mergedText(current, { spec: { a: { y: 3 }, new: { d: 1, c: null, b: { z: 1, a: 2 } } } })).toBe(
      '{"apiVersion":"v1","kind":"K","metadata":{"name":"a","labels":{"z":"1","b":"2"}},"spec":{"a":{"x":2,"y":3},"list":[{"y":1,"x":2}],"new":{"b":{"a":2,"z":1},"d":1},"z":1}}',
    );
    expect(mergedText(current, { spec: { list: null, a: 'flat' } })).toBe('{"apiVersion":"v1","kind":"K","metadata":{"name":"a","labels":{"z":"1","b":"2"}},"spec":{"a":"flat","z":1}}');
  });

  it('JSON patch: the containers an operation walks through are sorted; the rest, and what it puts, keep their order', () => {
    expect(jsonPatchedText(current, [{ op: 'replace', path: '/spec/list/0/x', value: '3' }])).toBe(
      '{"apiVersion":"v1","kind":"K","metadata":{"name":"a","labels":{"z":"1","b":"2"}},"spec":{"a":{"y":1,"x":2},"list":[{"x":"3","y":1}],"z":1}}',
    );
    expect(jsonPatchedText(current, [{ op: 'add', path: '/spec/list/-', value: { y: 1, x: 2 } }])).toBe(
      '{"apiVersion":"v1","kind":"K","metadata":{"name":"a","labels":{"z":"1","b":"2"}},"spec":{"a":{"y":1,"x":2},"list":[{"y":1,"x":2},{"y":1,"x":2}],"z":1}}',
    );
  });
});

describe("Go's %+v of a patch map", () => {
  it('writes maps sorted, strings bare, lists spaced, whole numbers as int64 and fractions as %g', () => {
    expect(goPatchMap({ b: [1, 'x', null], a: { d: true, c: 0.00001 }, e: 1234567.5, f: 0.25, g: 9007199254740993 })).toBe('map[a:map[c:1e-05 d:true] b:[1 x <nil>] e:1.2345675e+06 f:0.25 g:9007199254740992]');
  });
});

describe('numbers Go integers cannot hold, on create', () => {
  const message = (kind: string, detail: string) => `${kind} in version "v1" cannot be handled as a ${kind}: ${detail}`;

  it.each([
    [3000000000, 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [-2147483649, 'json: cannot unmarshal number -2147483649 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [2.5, 'json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
  ])('replicas %d', (replicas, detail) => {
    const { client } = newServer();
    const r = client.create(DEPLOYMENTS, 'default', { ...deployment('web'), spec: { ...(deployment('web').spec as object), replicas } });
    expect([r.code, (r.body as Status).message]).toEqual([400, message('Deployment', detail)]);
  });

  it('the int32 bounds themselves pass', () => {
    const { client } = newServer();
    const r = client.create(DEPLOYMENTS, 'default', { ...deployment('web'), spec: { ...(deployment('web').spec as object), replicas: 2147483647 } });
    expect(r.code).toBe(201);
  });

  it('an int64 past its bounds, and an IntOrString past an int32', () => {
    const { client } = newServer();
    const p = pod('p');
    const r = client.create(PODS, 'default', { ...p, spec: { ...(p.spec as object), activeDeadlineSeconds: 1e19 } });
    expect((r.body as Status).message).toBe(message('Pod', 'json: cannot unmarshal number 10000000000000000000 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64'));
    const d = deployment('web');
    const s = client.create(DEPLOYMENTS, 'default', { ...d, spec: { ...(d.spec as object), strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3000000000 } } } });
    expect((s.body as Status).message).toBe(message('Deployment', 'json: cannot unmarshal number 3000000000 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32'));
  });
});

describe('number literals of a JSON or merge patch, as Go reads the bytes kubectl sent', () => {
  const text = (patch: string, type: PatchType) => patched(patch, type);

  it.each([
    ['{"spec":{"replicas":4.0}}', MERGE, '"replicas":4.0,', 'json: cannot unmarshal number 4.0 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['{"spec":{"replicas":2.50}}', MERGE, '"replicas":2.50,', 'json: cannot unmarshal number 2.50 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['{"spec":{"replicas":1e1}}', MERGE, '"replicas":1e1,', 'json: cannot unmarshal number 1e1 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['{"spec":{"progressDeadlineSeconds":12345678901234567890}}', MERGE, '"progressDeadlineSeconds":12345678901234567890,', 'json: cannot unmarshal number 12345678901234567890 into Go struct field DeploymentSpec.spec.progressDeadlineSeconds of type int32'],
    ['{"spec":{"strategy":{"rollingUpdate":{"maxSurge":1.0}}}}', MERGE, '"maxSurge":1.0', 'json: cannot unmarshal number 1.0 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32'],
    ['[{"op":"replace","path":"/spec/replicas","value":2.0}]', JSON_PATCH, '"replicas":2.0,', 'json: cannot unmarshal number 2.0 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['[{"op":"add","path":"/spec/template/spec/containers/0/ports","value":[{"containerPort":80.0}]}]', JSON_PATCH, '"ports":[{"containerPort":80.0}]', 'json: cannot unmarshal number 80.0 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32'],
  ])('%s (%s)', (patch, type, shown, detail) => {
    const r = text(patch, type);
    expect(r.code).toBe(422);
    const message = r.status.details!.causes![0].message!;
    expect(message.endsWith(`: ${detail}`)).toBe(true);
    const value = JSON.parse(message.slice('Invalid value: '.length, message.lastIndexOf(`: ${detail}`))) as string;
    expect(value).toContain(shown);
    expect(r.after.spec.replicas).toBe(1);
  });

  it('a whole number written with a fraction passes where the field is no integer, and in a strategic merge patch (kjson reads a float64, the converter takes it)', () => {
    expect(text('{"spec":{"replicas":3.0}}', SMP).code).toBe(200);
    expect(text('{"metadata":{"labels":{"n":"1.0"}}}', MERGE).code).toBe(200);
  });

  it('a strategic merge patch past an int64 converts to the smallest int64 first, so an int32 field gets 0', () => {
    const r = text('{"spec":{"progressDeadlineSeconds":12345678901234567890}}', SMP);
    expect(r.status.message).toContain('spec.progressDeadlineSeconds: Invalid value: 0: must be greater than minReadySeconds');
  });
});

describe('the literals JSON.parse reads otherwise', () => {
  it('are found with the path of keys and indices to them', async () => {
    const { unusualNumbers } = await import('../../../src/sim/apiserver/handlers/patch-literals');
    const found = unusualNumbers('{"a":"x1.0","b":[1.0, 2, {"c" : 1e3}],"d\\"e":-0.50,"f":true,"g":12345678901234567890,"h":12}');
    expect([...found.values()]).toEqual([
      { path: ['b', '0'], literal: '1.0' },
      { path: ['b', '2', 'c'], literal: '1e3' },
      { path: ['d"e'], literal: '-0.50' },
      { path: ['g'], literal: '12345678901234567890' },
    ]);
    expect(unusualNumbers('{"spec":{"replicas":3,"image":"nginx:1.27"}}').size).toBe(0);
  });
});
