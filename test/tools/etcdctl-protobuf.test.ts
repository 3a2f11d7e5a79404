/**
 * etcdctl reads what the real API server would have written: built-in kinds as Kubernetes
 * protobuf (k8s\0 + runtime.Unknown; the codec is checked byte for byte against the real encodings
 * in test/sim/etcd/protobuf.test.ts), custom resources as JSON, values put by hand as they were put.
 * The classic demonstration (Kubernetes docs, "Encrypting Confidential Data at Rest"):
 * `etcdctl get /registry/secrets/default/secret1 | hexdump -C` shows the secret in clear.
 */
import { describe, expect, it } from 'vitest';
import { run, worldOf } from './helpers';
import { installPrograms } from '../../src/sim/machine/image';
import { encodeStorageValue } from '../../src/sim/etcd/protobuf/storage-value';
import type { World } from '../../src/sim/world';
import { clusterOf } from '../../src/sim/cluster/attach';

const CERTS = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

function cluster(): World {
  const w = worldOf('cluster');
  installPrograms(w.machines.get('cka01')!.rootFs, ['etcdctl', 'etcdutl'], '/usr/local/bin');
  return w;
}

/** The simulated API server's stored JSON of a key (what the codec encodes). */
function storedJson(w: World, key: string): string {
  return clusterOf(w)!.apiServer!.etcd.get(key)!.value;
}

/** The bytes `hexdump -C` printed (its hex columns). */
function hexdumpBytes(text: string): number[] {
  const bytes: number[] = [];
  for (const line of text.split('\n')) {
    const m = /^[0-9a-f]{8} {2}(.*?) {2}\|/.exec(line);
    if (m) bytes.push(...m[1].trim().split(/ +/).map((h) => parseInt(h, 16)));
  }
  return bytes;
}

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

describe('etcdctl get of objects the API server stored', () => {
  it('a Secret: protobuf, its data in clear among the binary bytes (get | hexdump -C)', async () => {
    const w = cluster();
    const r = await run(w, `kubectl create secret generic secret1 -n default --from-literal=key1=supersecret >/dev/null\nETCDCTL_API=3 etcdctl ${CERTS} get /registry/secrets/default/secret1 | hexdump -C`);
    expect(r.stderr).toBe('');
    const key = '/registry/secrets/default/secret1';
    const value = encodeStorageValue(key, storedJson(w, key))!;
    expect([...value.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00]);
    expect(hexdumpBytes(r.stdout)).toEqual([...new TextEncoder().encode(`${key}\n`), ...value, 0x0a]);
    expect(Buffer.from(value).includes(Buffer.from('supersecret'))).toBe(true);
    expect(r.stdout).toMatch(/^00000000 {2}2f 72 65 67 69 73 74 72 {2}79 2f 73 65 63 72 65 74 {2}\|\/registry\/secret\|$/m);
  });

  it('a Pod: --print-value-only starts with the magic and typeMeta {v1, Pod}', async () => {
    const w = cluster();
    const r = await run(w, `kubectl run web --image=nginx >/dev/null\netcdctl ${CERTS} get /registry/pods/default/web --print-value-only | hexdump -C | head -1`);
    expect(r.stdout).toBe('00000000  6b 38 73 00 0a 09 0a 02  76 31 12 03 50 6f 64 12  |k8s.....v1..Pod.|\n');
  });

  it('-w json: the value is the base64 of the protobuf bytes', async () => {
    const w = cluster();
    const key = '/registry/namespaces/default';
    const r = await run(w, `etcdctl ${CERTS} get ${key} -w json`);
    const value = (JSON.parse(r.stdout) as { kvs: { value: string }[] }).kvs[0].value;
    expect(value).toBe(Buffer.from(encodeStorageValue(key, storedJson(w, key))!).toString('base64'));
  });

  it('a custom resource stays JSON (it has no protobuf encoding), and so does its CRD', async () => {
    const w = cluster();
    w.machines.get('cka01')!.rootFs.writeFile('/root/crd.yaml', CRD);
    w.machines.get('cka01')!.rootFs.writeFile('/root/ct.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: my-cron\nspec:\n  cronSpec: "* * * * */5"\n');
    const r = await run(w, `kubectl apply -f /root/crd.yaml >/dev/null\nkubectl apply -f /root/ct.yaml >/dev/null\netcdctl ${CERTS} get /registry/stable.example.com/crontabs/default/my-cron --print-value-only\netcdctl ${CERTS} get /registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com --print-value-only | head -c 1`);
    const [cr, crd] = r.stdout.split('\n');
    expect(r.stderr).toBe('');
    expect(JSON.parse(cr)).toMatchObject({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', spec: { cronSpec: '* * * * */5' } });
    expect(cr).toBe(storedJson(w, '/registry/stable.example.com/crontabs/default/my-cron'));
    expect(crd).toBe('{');
  });
});

describe('every object of a booted cluster', () => {
  it('encodes: get of all of /registry/ succeeds, each built-in kind in protobuf', async () => {
    const w = cluster();
    const r = await run(w, `etcdctl ${CERTS} get /registry/ --prefix --print-value-only | grep -c '^k8s'; etcdctl ${CERTS} get /registry/ --prefix --keys-only | grep -c '^/registry/'; echo rc=\${PIPESTATUS[0]}`);
    expect(r.stderr).toBe('');
    const [protobuf, keys, rc] = r.stdout.trim().split('\n');
    expect(rc).toBe('rc=0');
    // All but the APIServices (JSON through the aggregator's LegacyCodec) start with the magic.
    const apiServices = Number((await run(w, `etcdctl ${CERTS} get /registry/apiregistration.k8s.io/ --prefix --keys-only | grep -c '^/registry/'`)).stdout.trim());
    expect(Number(protobuf)).toBe(Number(keys) - apiServices);
  });
});

describe('etcdctl put by hand', () => {
  it('reads back the very bytes it put, even JSON of a built-in kind under /registry/', async () => {
    const w = cluster();
    const json = '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"hand","namespace":"default"},"data":{"a":"b"}}';
    const r = await run(w, `etcdctl ${CERTS} put /registry/configmaps/default/hand '${json}'\netcdctl ${CERTS} get /registry/configmaps/default/hand --print-value-only`);
    expect(r.stdout).toBe(`OK\n${json}\n`);
  });

  it('--ignore-value keeps the API server\'s bytes: still protobuf', async () => {
    const w = cluster();
    const r = await run(w, `etcdctl ${CERTS} put /registry/namespaces/default --ignore-value\netcdctl ${CERTS} get /registry/namespaces/default --print-value-only | head -c 3`);
    expect(r.stdout).toBe('OK\nk8s');
  });
});

describe('etcdctl get -w fields (printer_fields.go)', () => {
  it('quotes keys and values with %q: the protobuf bytes that are no UTF-8 as \\xNN', async () => {
    const w = cluster();
    const key = '/registry/namespaces/default';
    const r = await run(w, `etcdctl ${CERTS} get ${key} -w fields; etcdctl ${CERTS} get /registry/namespaces --prefix --count-only -w fields | tail -2`);
    const kv = clusterOf(w)!.apiServer!.etcd.get(key)!;
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4).map((l) => l.replace(/\d+$/, 'N'))).toEqual(['"ClusterID" : N', '"MemberID" : N', '"Revision" : N', '"RaftTerm" : N']);
    expect(lines.slice(4, 8)).toEqual([`"Key" : "${key}"`, `"CreateRevision" : ${kv.createRevision}`, `"ModRevision" : ${kv.modRevision}`, `"Version" : ${kv.version}`]);
    // Go's strconv.Quote of the bytes, byte by byte: printable ASCII kept, \\a \\b \\f \\n \\r \\t \\v " and \\ named, other bytes \\xNN.
    const bytes = encodeStorageValue(key, kv.value)!;
    const named: Record<number, string> = { 7: 'a', 8: 'b', 12: 'f', 10: 'n', 13: 'r', 9: 't', 11: 'v', 0x22: '"', 0x5c: '\\' };
    let quoted = '';
    for (const b of bytes) quoted += named[b] ? `\\${named[b]}` : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
    expect(lines[8]).toBe(`"Value" : "${quoted}"`);
    expect(lines.slice(9, 12)).toEqual(['"Lease" : 0', '"More" : false', '"Count" : 1']);
    expect(lines.slice(12)).toEqual(['"More" : false', `"Count" : ${clusterOf(w)!.apiServer!.etcd.range('/registry/namespaces', { prefix: true }).count}`, '']);
  });
});

describe('snapshot save and restore', () => {
  it('the restored member serves the same bytes', async () => {
    const w = cluster();
    const env = `export ETCDCTL_ENDPOINTS=https://127.0.0.1:2379 ETCDCTL_CACERT=/etc/kubernetes/pki/etcd/ca.crt ETCDCTL_CERT=/etc/kubernetes/pki/etcd/server.crt ETCDCTL_KEY=/etc/kubernetes/pki/etcd/server.key\n`;
    const before = await run(w, `${env}kubectl create secret generic secret1 --from-literal=key1=supersecret >/dev/null\netcdctl snapshot save /root/snap.db >/dev/null 2>&1\netcdctl get /registry/secrets/default/secret1 | hexdump -C`);
    expect(Buffer.from(hexdumpBytes(before.stdout)).includes('supersecret')).toBe(true);
    const after = await run(w, `${env}kubectl delete secret secret1 >/dev/null\netcdutl snapshot restore /root/snap.db --data-dir /var/lib/etcd-restored >/dev/null 2>&1\nsed -i 's#^\\( *\\)path: /var/lib/etcd$#\\1path: /var/lib/etcd-restored#' /etc/kubernetes/manifests/etcd.yaml\nsleep 40\netcdctl get /registry/secrets/default/secret1 | hexdump -C`);
    expect(after.stdout).toBe(before.stdout);
  }, 60_000);
});

describe('the bytes through other tools', () => {
  it('-w json | jq | base64 -d gives the bytes get prints; wc -c and sha256sum count and hash those bytes', async () => {
    const w = cluster();
    const key = '/registry/namespaces/default';
    const r = await run(w, `etcdctl ${CERTS} get ${key} -w json | jq -r '.kvs[0].value' | base64 -d > /tmp/a\netcdctl ${CERTS} get ${key} --print-value-only > /tmp/b\nwc -c < /tmp/a\nsha256sum < /tmp/a\necho >> /tmp/a; cmp /tmp/a /tmp/b && echo same\netcdctl ${CERTS} get ${key} --print-value-only | base64 -w0`);
    const value = Buffer.from(encodeStorageValue(key, storedJson(w, key))!);
    const { createHash } = await import('node:crypto');
    expect(r.stdout).toBe(`${value.length}\n${createHash('sha256').update(value).digest('hex')}  -\nsame\n${Buffer.concat([value, Buffer.from('\n')]).toString('base64')}`);
  });
});

describe('etcdctl --hex (printKV: addHexPrefix of hex.EncodeToString)', () => {
  it('writes the key and the value as \\xNN per byte, put and del --prev-kv too', async () => {
    const w = cluster();
    const r = await run(w, `etcdctl ${CERTS} put /lab/k v1\netcdctl ${CERTS} --hex get /lab/k\netcdctl ${CERTS} --hex put /lab/k v2 --prev-kv\netcdctl ${CERTS} --hex del /lab/k --prev-kv\netcdctl ${CERTS} get /registry/namespaces/default --print-value-only --hex | cut -c1-32`);
    expect(r.stdout).toBe(
      'OK\n\\x2f\\x6c\\x61\\x62\\x2f\\x6b\n\\x76\\x31\nOK\n\\x2f\\x6c\\x61\\x62\\x2f\\x6b\n\\x76\\x31\n1\n\\x2f\\x6c\\x61\\x62\\x2f\\x6b\n\\x76\\x32\n\\x6b\\x38\\x73\\x00\\x0a\\x0f\\x0a\\x02\n',
    );
  });
});

describe('binary values put by hand', () => {
  it('a protobuf value saved to a file and put back reads back byte for byte (stdin\'s newline included)', async () => {
    const w = cluster();
    const r = await run(w, `etcdctl ${CERTS} get /registry/namespaces/default --print-value-only > /tmp/v\netcdctl ${CERTS} put /lab/copy < /tmp/v\netcdctl ${CERTS} get /lab/copy -w json | jq -r '.kvs[0].value' | base64 -d | cmp - /tmp/v && echo same\netcdctl ${CERTS} get /lab/copy --print-value-only | wc -c; wc -c < /tmp/v`);
    const [ok, same, copy, file] = r.stdout.trim().split('\n');
    expect([ok, same]).toEqual(['OK', 'same']);
    expect(Number(copy)).toBe(Number(file) + 1);
  });
});

describe('protobuf put back by hand', () => {
  it('the API server reads it (the simulated one from its JSON) and etcdctl shows the bytes put', async () => {
    const w = cluster();
    const r = await run(w, `kubectl create configmap c1 --from-literal=a=b >/dev/null\netcdctl ${CERTS} get /registry/configmaps/default/c1 --print-value-only | head -c -1 > /tmp/c1\nkubectl delete configmap c1 >/dev/null\netcdctl ${CERTS} put /registry/configmaps/default/c1 < /tmp/c1\nkubectl get configmap c1 -o jsonpath='{.data.a}{"\\n"}'\netcdctl ${CERTS} get /registry/configmaps/default/c1 --print-value-only | head -c -1 | cmp - /tmp/c1 && echo same`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('OK\nb\nsame\n');
  });
});
