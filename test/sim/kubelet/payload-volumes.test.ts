/**
 * configMap, secret and projected volumes as the kubelet's AtomicWriter lays them out (a
 * timestamped directory, `..data` pointing at it, `key -> ..data/key`), updated at the Pod's next
 * sync after the ConfigMap changes; a subPath copy and the environment keep what the container
 * started with. Seen through busybox's own `ls -l`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

const POD = `cat > /tmp/p.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef: {name: cfg, key: color}
    volumeMounts:
    - {name: v, mountPath: /cfg}
    - {name: v, mountPath: /sub/color, subPath: color}
    - {name: s, mountPath: /sec}
  volumes:
  - name: v
    configMap: {name: cfg}
  - name: s
    secret: {secretName: pw, defaultMode: 256}
Y
kubectl create configmap cfg --from-literal=color=blue >/dev/null
kubectl create secret generic pw --from-literal=user=admin --from-literal=pass=s3cret >/dev/null
kubectl apply -f /tmp/p.yaml >/dev/null
kubectl wait --for=condition=Ready pod/p --timeout=60s >/dev/null`;

const TS = String.raw`\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d{1,10}`;

describe('configMap and secret volumes', () => {
  let world: World;
  beforeAll(async () => {
    world = bootWorld('cluster');
    await runScript(world, 'cka01', POD);
  });

  it('lays a configMap volume out as AtomicWriter does, listed in busybox format', async () => {
    const r = await runScript(world, 'cka01', 'kubectl exec p -- ls -la /cfg');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('total 12');
    expect(lines[1]).toMatch(/^drwxrwxrwx {4}3 root {5}root {10}4096 Jan 15 \d\d:\d\d \.$/);
    expect(lines[3]).toMatch(new RegExp(`^drwxr-xr-x {4}2 root {5}root {10}4096 Jan 15 \\d\\d:\\d\\d ${TS}$`));
    const ts = lines[3].split(' ').pop()!;
    expect(lines[4]).toMatch(new RegExp(`^lrwxrwxrwx {4}1 root {5}root {12}${ts.length} Jan 15 \\d\\d:\\d\\d \\.\\.data -> ${ts.replace(/\./g, '\\.')}$`));
    expect(lines[5]).toMatch(/^lrwxrwxrwx {4}1 root {5}root {12}12 Jan 15 \d\d:\d\d color -> \.\.data\/color$/);
    expect(lines).toHaveLength(6);
  });

  it('puts a secret volume on tmpfs, with its mode on the files', async () => {
    const r = await runScript(world, 'cka01', 'kubectl exec p -- ls -la /sec\nkubectl exec p -- ls -l /sec/..data/\nkubectl exec p -- cat /sec/pass');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('total 4');
    // 2 keys, ..data and the timestamped directory: (4 + 2) × 20 bytes
    expect(lines[1]).toMatch(/^drwxrwxrwt {4}3 root {5}root {11}120 /);
    expect(lines[3]).toMatch(new RegExp(`^drwxr-xr-x {4}2 root {5}root {12}80 .* ${TS}$`));
    expect(lines.slice(5, 7).map((l) => l.replace(/^.* (\S+ -> \S+)$/, '$1'))).toEqual(['pass -> ..data/pass', 'user -> ..data/user']);
    expect(lines[7]).toBe('total 8');
    expect(lines[8]).toMatch(/^-r-------- {4}1 root {5}root {13}6 .* pass$/);
    expect(lines[10]).toBe('s3cret');
  });

  it('is mounted read-only: nothing in it can be written, made or removed', async () => {
    const r = await runScript(world, 'cka01', 'kubectl exec p -- touch /cfg/new; echo rc=$?\nkubectl exec p -- rm /sec/pass; echo rc=$?\nkubectl exec p -- mkdir /cfg/d; echo rc=$?');
    expect(r.stdout).toBe('rc=1\nrc=1\nrc=1\n');
    expect(r.stderr).toContain('touch: /cfg/new: Read-only file system');
    expect(r.stderr).toMatch(/rm: (can't remove '\/sec\/pass'|\/sec\/pass): Read-only file system/);
  });

  it('shows a changed ConfigMap at the next sync, never in a subPath copy or the environment', async () => {
    const before = await runScript(world, 'cka01', "kubectl exec p -- readlink /cfg/..data\nkubectl patch configmap cfg -p '{\"data\":{\"color\":\"red\"}}' >/dev/null\nsleep 5\nkubectl exec p -- cat /cfg/color");
    const [oldTs, soon] = before.stdout.split('\n');
    expect(soon).toBe('blue');
    const later = await runScript(world, 'cka01', "sleep 90\nkubectl exec p -- cat /cfg/color; echo\nkubectl exec p -- cat /sub/color; echo\nkubectl exec p -- sh -c 'echo $COLOR'\nkubectl exec p -- ls -a /cfg");
    const lines = later.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['red', 'blue', 'blue']);
    const names = lines.slice(3).filter(Boolean);
    expect(names).toHaveLength(5);
    expect(names).toContain('..data');
    expect(names).not.toContain(oldTs);
    const now = await runScript(world, 'cka01', 'kubectl exec p -- readlink /cfg/..data');
    expect(names).toContain(now.stdout.trim());
  });

  it('lists the service-account token volume as a real Pod shows it', async () => {
    const r = await runScript(world, 'cka01', 'kubectl exec p -- ls -la /var/run/secrets/kubernetes.io/serviceaccount');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('total 4');
    expect(lines[1]).toMatch(/^drwxrwxrwt {4}3 root {5}root {11}140 /);
    expect(lines[3]).toMatch(/^drwxr-xr-x {4}2 root {5}root {11}100 /);
    expect(lines.slice(5).map((l) => l.replace(/^.* (\S+ -> \S+)$/, '$1'))).toEqual(['ca.crt -> ..data/ca.crt', 'namespace -> ..data/namespace', 'token -> ..data/token']);
  });
});

describe('secret bytes', () => {
  it('writes a Secret value as its bytes: UTF-8 text reads back as written', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl create secret generic u8 --from-literal=greet=héllo >/dev/null
kubectl run s --image=busybox:1.36 --overrides='{"spec":{"containers":[{"name":"s","image":"busybox:1.36","command":["sleep","3600"],"volumeMounts":[{"name":"v","mountPath":"/s"}]}],"volumes":[{"name":"v","secret":{"secretName":"u8"}}]}}' >/dev/null
kubectl wait --for=condition=Ready pod/s --timeout=60s >/dev/null
kubectl exec s -- cat /s/greet; echo
kubectl exec s -- base64 /s/greet`);
    expect(r.stdout).toBe('héllo\naMOpbGxv\n');
  });
});

describe('downwardAPI volumes', () => {
  it('writes the fields as the kubelet formats them, labels again after a change at the next sync', async () => {
    const world = bootWorld('cluster');
    const pod = `cat > /tmp/d.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: d
  labels: {app: web, tier: front}
  annotations: {note: 'say "hi"'}
spec:
  nodeName: cka02
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    resources:
      requests: {cpu: 250m}
      limits: {cpu: 500m, memory: 64Mi}
    volumeMounts:
    - {name: info, mountPath: /info}
  - name: other
    image: busybox:1.36
    command: ["sleep", "3600"]
  volumes:
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
      - {path: app, fieldRef: {fieldPath: "metadata.labels['app']"}}
      - {path: name, fieldRef: {fieldPath: metadata.name}}
      - {path: cpu-milli, resourceFieldRef: {containerName: c, resource: limits.cpu, divisor: 1m}}
      - {path: cpu, resourceFieldRef: {containerName: c, resource: requests.cpu}}
      - {path: mem-mi, resourceFieldRef: {containerName: c, resource: limits.memory, divisor: 1Mi}}
      - {path: other-mem, resourceFieldRef: {containerName: other, resource: limits.memory}}
Y
kubectl create -f /tmp/d.yaml >/dev/null
kubectl wait --for=condition=Ready pod/d --timeout=60s >/dev/null`;
    await runScript(world, 'cka01', pod);
    const r = await runScript(world, 'cka01', "for f in labels annotations app name cpu-milli cpu mem-mi; do kubectl exec d -c c -- cat /info/$f; echo; done\nkubectl exec d -c c -- ls -la /info | head -2");
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 9)).toEqual(['app="web"', 'tier="front"', 'note="say \\"hi\\""', 'web', 'd', '500', '1', '64', 'total 4']);
    expect(lines[9]).toMatch(/^drwxrwxrwt {4}3 root {5}root {11}240 /);
    // A limit the container does not set is the node's allocatable memory.
    const other = await runScript(world, 'cka01', 'kubectl exec d -c c -- cat /info/other-mem; echo\nkubectl get node cka02 -o jsonpath={.status.allocatable.memory}');
    const [bytes, allocatable] = other.stdout.split('\n');
    expect(Number(bytes)).toBe(Number(allocatable.replace('Ki', '')) * 1024);
    await runScript(world, 'cka01', 'kubectl label pod d tier=back --overwrite >/dev/null');
    const soon = await runScript(world, 'cka01', 'kubectl exec d -c c -- cat /info/labels');
    expect(soon.stdout).toBe('app="web"\ntier="front"');
    const later = await runScript(world, 'cka01', 'sleep 95\nkubectl exec d -c c -- cat /info/labels');
    expect(later.stdout).toBe('app="web"\ntier="back"');
  });
});
