/**
 * The storage codec: what the real kube-apiserver writes to etcd. The proof is byte equality with
 * the real encodings k8s.io/api keeps as round-trip test data (testdata/HEAD/*.pb, made by the
 * gogo-protobuf marshal code; copied by scripts/etcd/protobuf-golden.sh); the schema is the one
 * scripts/etcd/proto-schema.mjs reads from the real .proto files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStorageValue, encodeStorageValue } from '../../../src/sim/etcd/protobuf/storage-value';
import schema from '../../../src/sim/etcd/protobuf/schema.json';

const GOLDEN = 'test/sim/etcd/protobuf-golden';
const kinds = readdirSync(GOLDEN).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));

describe('encodeStorageValue: byte-exact against the real encodings (k8s.io/api testdata/HEAD)', () => {
  it('has the golden samples', () => expect(kinds.length).toBeGreaterThanOrEqual(20));
  it.each(kinds)('%s', (kind) => {
    const json = readFileSync(`${GOLDEN}/${kind}.json`, 'utf8');
    const want = readFileSync(`${GOLDEN}/${kind}.pb`);
    const got = encodeStorageValue('/registry/any/key', json);
    expect(got).toBeDefined();
    expect(Buffer.from(got!).toString('hex')).toBe(want.toString('hex'));
  });
});

describe('encodeStorageValue: which values the API server stores as protobuf', () => {
  const secret = JSON.stringify({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's', namespace: 'default' } });

  it('only object JSON under /registry/ of a kind k8s.io/api defines', () => {
    expect(encodeStorageValue('/registry/secrets/default/s', secret)).toBeDefined();
    expect(encodeStorageValue('/other/s', secret)).toBeUndefined();
    expect(encodeStorageValue('/registry/secrets/default/s', 'plain text')).toBeUndefined();
    expect(encodeStorageValue('/registry/secrets/default/s', '{not json')).toBeUndefined();
    // A custom resource, a CRD and an APIService: JSON (no proto message / a JSON LegacyCodec).
    const cr = JSON.stringify({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'c' } });
    const crd = JSON.stringify({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'c' } });
    const apiService = JSON.stringify({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1.' } });
    for (const v of [cr, crd, apiService]) expect(encodeStorageValue('/registry/x/y', v)).toBeUndefined();
  });

  it('writes non-pointer fields even when the JSON omits them, pointer fields only when set (core/v1 generated.pb.go Secret.MarshalToSizedBuffer)', () => {
    const bytes = Buffer.from(encodeStorageValue('/registry/secrets/default/s', secret)!);
    const at = 4 + 2 + 12; // magic, typeMeta {v1, Secret}: then raw's tag (2) and its length
    expect(bytes[at]).toBe(0x12);
    const raw = bytes.subarray(at + 2, at + 2 + bytes[at + 1]);
    // metadata: name, generateName "", namespace, selfLink "", uid "", resourceVersion "", generation 0, creationTimestamp (zero: empty)
    const meta = Buffer.from([0x0a, 0x01, 0x73, 0x12, 0x00, 0x1a, 0x07, ...Buffer.from('default'), 0x22, 0x00, 0x2a, 0x00, 0x32, 0x00, 0x38, 0x00, 0x42, 0x00]);
    // then type "" (3); no data (2), stringData (4) or immutable (5, a *bool)
    expect(raw.toString('hex')).toBe(Buffer.concat([Buffer.from([0x0a, meta.length]), meta, Buffer.from([0x1a, 0x00])]).toString('hex'));
    expect(bytes.subarray(bytes.length - 4).toString('hex')).toBe('1a002200');
  });
});

const API = '/work/.mirror/kubernetes+api/repo';
const MACHINERY = '/work/.mirror/kubernetes+apimachinery/repo';

describe('the schema', () => {
  it.skipIf(!existsSync(API) || !existsSync(MACHINERY))('is what scripts/etcd/proto-schema.mjs writes from the real .proto files', () => {
    const fresh = execFileSync('node', ['scripts/etcd/proto-schema.mjs', API, MACHINERY, schema.tag], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(JSON.parse(fresh)).toEqual(schema);
  });
});

describe('encodeStorageValue on any JSON', () => {
  it('never throws, whatever the values of a kind\'s fields', () => {
    const kinds = [
      ['v1', 'Pod'],
      ['v1', 'Secret'],
      ['apps/v1', 'Deployment'],
      ['coordination.k8s.io/v1', 'Lease'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.jsonValue(), fc.jsonValue(), ([apiVersion, kind], spec, metadata) => {
        const text = JSON.stringify({ apiVersion, kind, metadata, spec, data: spec, status: spec });
        expect(encodeStorageValue('/registry/x/y', text)?.subarray(0, 4)).toEqual(Uint8Array.of(0x6b, 0x38, 0x73, 0));
      }),
    );
  });
});

describe('decodeStorageValue: the real encodings back to the JSON encoding/json writes', () => {
  it.each(kinds)('%s', (kind) => {
    const json = readFileSync(`${GOLDEN}/${kind}.json`, 'utf8');
    const got = decodeStorageValue(readFileSync(`${GOLDEN}/${kind}.pb`));
    expect(got).toBe(JSON.stringify(JSON.parse(json)));
  });

  it('a minimal object: omitempty fields left out, non-pointer structs kept (creationTimestamp null, status {})', () => {
    const text = JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const back = JSON.parse(decodeStorageValue(encodeStorageValue('/registry/pods/default/p', text)!)!);
    expect(back).toEqual({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', creationTimestamp: null }, spec: { containers: [{ name: 'c', image: 'nginx', resources: {} }] }, status: {} });
  });

  it('map keys sorted as encoding/json sorts them, whatever order the JSON gave', () => {
    const text = JSON.stringify({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c', labels: { z: '1', a: '2', m: '3' } }, data: { b: 'x', B: 'y', a: 'z' } });
    const back = decodeStorageValue(encodeStorageValue('/registry/configmaps/default/c', text)!)!;
    expect(back).toBe('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null,"labels":{"a":"2","m":"3","z":"1"}},"data":{"B":"y","a":"z","b":"x"}}');
  });

  it('never throws on arbitrary bytes after the magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        const got = decodeStorageValue(Uint8Array.of(0x6b, 0x38, 0x73, 0, ...tail));
        expect(got === undefined || typeof got === 'string').toBe(true);
      }),
    );
  });

  it('undefined for bytes that are not such a value', () => {
    expect(decodeStorageValue(new TextEncoder().encode('{"a":1}'))).toBeUndefined();
    expect(decodeStorageValue(Uint8Array.of(0x6b, 0x38, 0x73, 0, 0xff))).toBeUndefined();
  });
});
