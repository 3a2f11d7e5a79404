/**
 * Static pod manifests the kubelet cannot take (pkg/kubelet/config/file.go and common.go, v1.33). Real lines they match:
 * - `E0122 02:14:10.672832   24118 file.go:187] "Could not process manifest file" err="/etc/kubernetes/manifests/kube-apiserver.yaml:
 *   couldn't parse as pod(yaml: line 2: mapping values are not allowed in this context), please check config file"
 *   path="/etc/kubernetes/manifests/kube-apiserver.yaml"` (find_string id 46965280136);
 * - `file.go:187] "Could not process manifest file" err="/etc/kubernetes/manifests/kube-apiserver.yaml: couldn't parse as
 *   pod(Object 'apiVersion' is missing in '{\"apiVersio\":\"v1\",\"kind\"…` (killercoda, Aug 2025; id 45422234314);
 * - `file.go:187] "Could not process manifest file" err="invalid pod: [spec.containers[0].volumeMounts[1].name: Not found:
 *   \"etcd-cert\"]" path="/etc/kubernetes/manifests/etcd.yaml"` (id 18209202437).
 * The go-yaml texts are kubectl 1.33's for the same files (`kubectl create --dry-run=client -f N.yaml`: "error parsing N.yaml:
 * error converting YAML to JSON: yaml: line 8: did not find expected key"): both read YAML with sigs.k8s.io/yaml.
 */
import { describe, expect, it } from 'vitest';
import { decodeManifest } from '../../../src/sim/kubelet/manifest-decode';
import { bootWorld, runScript } from '../../../src/runtime/session';

const FILE = '/etc/kubernetes/manifests/web.yaml';
const HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
const parseError = (text: string) => {
  const d = decodeManifest(text, FILE, 'cka01');
  return 'error' in d ? d.error : undefined;
};
const wrapped = (err: string) => `${FILE}: couldn't parse as pod(${err}), please check config file`;

describe('static pod manifests that do not decode', () => {
  it.each([
    ['a key less indented than its mapping', `${HEAD}   command: ["a"]\n`, 'yaml: line 8: did not find expected key'],
    ['a value that runs onto a more indented key', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n    labels: x\nspec: {}\n', 'yaml: line 5: mapping values are not allowed in this context'],
    ['a tab as indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n', 'yaml: line 4: found character that cannot start any token'],
    ['an unclosed quote', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "web\nspec: {}\n', 'yaml: line 6: found unexpected end of stream'],
    ['a key without its colon in a list item', `${HEAD}  - name d\n    image: x\n`, 'yaml: line 10: mapping values are not allowed in this context'],
    ['a key without its colon before a list', `${HEAD}    ports:\n    - containerPort: 80\n  volumes\n  - name: x\n`, "yaml: line 12: could not find expected ':'"],
    ['an unclosed flow sequence', `${HEAD}    command: ["a", "b"\n`, "yaml: line 9: did not find expected ',' or ']'"],
    ['a key left of its mapping', `${HEAD} volumes: []\n`, 'yaml: line 8: did not find expected key'],
    ['a key more indented than its siblings', `${HEAD}      ports: []\n`, 'yaml: line 9: mapping values are not allowed in this context'],
    ['list items at two indentations', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: nginx\n  - name: d\n    image: x\n', 'yaml: line 8: did not find expected key'],
    ['a flag line without its dash', `${HEAD}    command:\n    - kube-apiserver\n    --x=y\n`, "yaml: line 12: could not find expected ':'"],
  ])('%s: go-yaml\'s error as kubectl 1.33 prints it', (_name, text, err) => {
    expect(parseError(text)).toBe(wrapped(err));
  });

  it('the decoder: a misspelled apiVersion, a kind the scheme does not know, a file that is not an object', () => {
    expect(parseError('apiVersio: v1\nkind: Pod\nmetadata:\n  name: web\n')).toBe(wrapped(`Object 'apiVersion' is missing in '{"apiVersio":"v1","kind":"Pod","metadata":{"name":"web"}}'`));
    expect(parseError('apiVersion: v1\nmetadata:\n  name: web\n')).toBe(wrapped(`Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"web"}}'`));
    expect(parseError('')).toBe(wrapped(`Object 'Kind' is missing in 'null'`));
    expect(parseError('apiVersion: v1\nkind: pod\nmetadata:\n  name: web\n')).toBe(wrapped('no kind "pod" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'));
    expect(parseError('hello world\n')).toBe(
      wrapped('couldn\'t get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'),
    );
  });

  it('a pod that does not validate: ValidatePodCreate\'s errors as they are, after the node name is added', () => {
    const etcd = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.21-0\n    volumeMounts:\n    - name: etcd-data\n      mountPath: /var/lib/etcd\n    - name: etcd-cert\n      mountPath: /etc/kubernetes/pki/etcd\n  volumes:\n  - name: etcd-data\n    hostPath: {path: /var/lib/etcd}\n  - name: etcd-certs\n    hostPath: {path: /etc/kubernetes/pki/etcd}\n';
    expect(parseError(etcd)).toBe('invalid pod: [spec.containers[0].volumeMounts[1].name: Not found: "etcd-cert"]');
    expect(parseError('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec: {}\n')).toBe('invalid pod: [spec.containers: Required value]');
    expect('pod' in decodeManifest(HEAD, FILE, 'cka01')).toBe(true);
  });

  it('the kubelet logs each file it skips at every listing (20 s) and when its watch sees it written, and runs the other static pods', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', "cp /etc/kubernetes/manifests/kube-scheduler.yaml /root/\nsed -i 's/^  containers:/  containers\\n/' /etc/kubernetes/manifests/kube-scheduler.yaml\necho 'hello world' > /etc/kubernetes/manifests/notes.txt\nsleep 45");
    const lines = (await runScript(world, 'cka01', 'journalctl -u kubelet --no-pager | grep file.go:')).stdout.trimEnd().split('\n');
    // the watch: the write is one event (sed -i writes the file whole), the old pod stays until the next listing
    const watched = lines.filter((l) => l.includes('file.go:108]'));
    expect(watched.filter((l) => l.includes('kube-scheduler.yaml')).length).toBe(1);
    expect(watched[0]).toMatch(
      /^\w{3} \d\d \d\d:\d\d:\d\d cka01 kubelet\[\d+\]: E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ file\.go:108\] "Unable to process watch event" err="can't process config file \\"\/etc\/kubernetes\/manifests\/kube-scheduler\.yaml\\": \/etc\/kubernetes\/manifests\/kube-scheduler\.yaml: couldn't parse as pod\(yaml: line \d+: [^)]+\), please check config file"$/,
    );
    // created then written (IN_CREATE, IN_MODIFY): read twice, refused twice
    expect(watched.filter((l) => l.includes('notes.txt')).length).toBe(2);
    const listed = lines.filter((l) => l.includes('file.go:187]'));
    const scheduler = listed.filter((l) => l.includes('kube-scheduler.yaml'));
    expect(scheduler.length).toBe(2);
    expect(scheduler[0]).toMatch(
      /^\w{3} \d\d \d\d:\d\d:\d\d cka01 kubelet\[\d+\]: E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ file\.go:187\] "Could not process manifest file" err="\/etc\/kubernetes\/manifests\/kube-scheduler\.yaml: couldn't parse as pod\(yaml: line \d+: [^)]+\), please check config file" path="\/etc\/kubernetes\/manifests\/kube-scheduler\.yaml"$/,
    );
    // 20 s apart: fileCheckFrequency.
    const at = (l: string) => Date.parse(`2026-01-01T${/ (\d\d:\d\d:\d\d)\.\d{6} /.exec(l)![1]}Z`);
    expect(at(scheduler[1]) - at(scheduler[0])).toBe(20_000);
    expect(listed.filter((l) => l.includes('notes.txt')).length).toBe(2);
    // Its pod is gone with the file it came from; the API server and etcd run on.
    const running = (await runScript(world, 'cka01', 'for c in kube-scheduler kube-apiserver etcd; do crictl ps --name $c -q 2>/dev/null | wc -l; done')).stdout;
    expect(running).toBe('0\n1\n1\n');
  });

  it('a backup copy of a manifest in the directory: one pod per name, the later file\'s', async () => {
    const world = bootWorld('cluster');
    const image = async () => (await runScript(world, 'cka01', "sleep 45; kubectl -n kube-system get pod kube-scheduler-cka01 -o jsonpath='{.spec.containers[0].image}'")).stdout;
    const before = await image();
    await runScript(world, 'cka01', "cd /etc/kubernetes/manifests && cp kube-scheduler.yaml kube-scheduler.yaml.bak && sed -i 's#image: .*#image: registry.k8s.io/kube-scheduler:v1.33.0#' kube-scheduler.yaml");
    // kube-scheduler.yaml.bak sorts after kube-scheduler.yaml: its pod is the one that runs.
    expect(await image()).toBe(before);
    await runScript(world, 'cka01', 'rm /etc/kubernetes/manifests/kube-scheduler.yaml.bak');
    expect(await image()).toBe('registry.k8s.io/kube-scheduler:v1.33.0');
  });
});
