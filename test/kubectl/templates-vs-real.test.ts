/**
 * -o go-template and -o jsonpath on one list, against the outputs the real kubectl 1.33 printed
 * for the same list served by a stub API server (pods with a null startTime, a float, an int
 * above 2^32, labels, containers): pipes, parenthesised commands, nil as <no value> and null.
 */
import { describe, expect, it } from 'vitest';
import { executeGoTemplate } from '../../src/kubectl/printers/gotemplate';
import { executeJsonPath, parseJsonPath } from '../../src/kubectl/printers/jsonpath';
import { bootWorld, runScript } from '../../src/runtime/session';

const items = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-10', namespace: 'default', labels: { tier: 'fe', app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'busybox' }] }, status: { message: 'Back-off restarting failed container', startTime: null, n: 2.5, big: 1000000 } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-9', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { startTime: '2026-01-01T00:00:00Z', n: 10, big: 3 } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' }, spec: { containers: [{ name: 'd', image: 'nginx' }] }, status: { startTime: '2025-01-01T00:00:00Z', n: 1, big: 12345678901 } },
];
const list = () => JSON.parse(JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }));

describe('go-template', () => {
  it('prints a nil field as <no value>, numbers and maps as Go does, and runs parenthesised commands', () => {
    expect(executeGoTemplate('{{range .items}}{{.metadata.name}} {{.status.startTime}} {{.status.n}} {{.status.big}}{{"\\n"}}{{end}}', list())).toBe(
      'web-10 <no value> 2.5 1000000\nweb-9 2026-01-01T00:00:00Z 10 3\nweb-1 2025-01-01T00:00:00Z 1 12345678901\n',
    );
    expect(executeGoTemplate('{{(index .items 0).metadata.labels}}', list())).toBe('map[app:web tier:fe]');
    expect(executeGoTemplate('{{(index .items 0).spec.containers}}', list())).toBe('[map[image:nginx name:a ports:[map[containerPort:80]]] map[image:busybox name:b]]');
  });

  it('passes a value down a pipe: the secret idiom', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl create secret generic s --from-literal=password=hunter2 >/dev/null
kubectl get secret s -o go-template='{{.data.password | base64decode}}{{"\\n"}}'
kubectl get secret s -o go-template='{{index .data "password" | base64decode}}{{"\\n"}}'
kubectl get secret s -o go-template='{{range $k, $v := .data}}{{$k}}={{$v | base64decode}}{{"\\n"}}{{end}}'`);
    expect(r.stdout).toBe('hunter2\nhunter2\npassword=hunter2\n');
  });
});

describe('jsonpath', () => {
  it('prints a JSON null as null, maps and lists as JSON', () => {
    const jp = (t: string) => executeJsonPath(parseJsonPath(t), list());
    expect(jp('{.items[*].status.startTime}')).toBe('null 2026-01-01T00:00:00Z 2025-01-01T00:00:00Z');
    expect(jp('{.items[0].metadata.labels}')).toBe('{"app":"web","tier":"fe"}');
    expect(jp('{.items[*].status.n} {.items[*].status.big}')).toBe('2.5 10 1 1000000 3 12345678901');
    expect(jp('{.items[0].status}')).toBe('{"big":1000000,"message":"Back-off restarting failed container","n":2.5,"startTime":null}');
  });
});
