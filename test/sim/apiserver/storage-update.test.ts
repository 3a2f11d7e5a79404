/**
 * PersistentVolumeClaim and PersistentVolume updates through kubectl, refused as a v1.33 API
 * server refuses them (ValidatePersistentVolumeClaimUpdate, ValidatePersistentVolumeUpdate). The
 * diffs in the messages are the ones go-cmp printed for the same specs (go-cmp-golden.json,
 * recorded by scripts/golden/go-cmp/record.sh).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { claim, VOLUME } from '../../../scripts/golden/go-cmp/refusal-cases';

const golden: Record<string, string> = JSON.parse(readFileSync(new URL('./go-cmp-golden.json', import.meta.url), 'utf8'));

const SETUP = `cat <<'YAML' | kubectl apply -f - >/dev/null
${VOLUME}---
${claim('c1')}YAML
sleep 5
cat <<'YAML' | kubectl apply -f - >/dev/null
${claim('c2')}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: c3
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 100Mi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: c4
  annotations:
    volume.beta.kubernetes.io/storage-class: slow
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 100Mi
YAML
sleep 5
`;

const CLAIM_SPEC = 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
const invalidClaim = (name: string, ...causes: string[]) =>
  causes.length === 1 ? `The PersistentVolumeClaim "${name}" is invalid: ${causes[0]}\n` : `The PersistentVolumeClaim "${name}" is invalid: \n${causes.map((c) => `* ${c}`).join('\n')}\n`;
/** A cause carrying a go-cmp diff ends with its newline; kubectl's own follows it. */
const claimDiff = (name: string, diff: string) => `${invalidClaim(name, `${CLAIM_SPEC}\n${golden[diff]}`)}`;

describe('PersistentVolumeClaim and PersistentVolume updates', () => {
  let world: World;
  const run = async (cmd: string) => runScript(world, 'cka01', `${cmd}\necho "rc=$?"`);
  const spec = async (kind: string, name: string) => (await runScript(world, 'cka01', `kubectl get ${kind} ${name} -o jsonpath='{.spec}'`)).stdout;

  beforeAll(async () => {
    world = bootWorld('cluster');
    await runScript(world, 'cka01', SETUP);
  });

  it('binds c1 to pv1 and leaves c2, c3 and c4 pending', async () => {
    const r = await runScript(world, 'cka01', "kubectl get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,VOLUME:.spec.volumeName,CLASS:.spec.storageClassName --no-headers");
    expect(r.stdout).toBe('c1   Bound     pv1      manual\nc2   Pending   <none>   manual\nc3   Pending   <none>   <none>\nc4   Pending   <none>   <none>\n');
  });

  it('refuses changes to a bound claim with the diff of its internal spec, and changes nothing', async () => {
    const before = await spec('pvc', 'c1');
    const cases: [string, string][] = [
      [`kubectl patch pvc c1 -p '{"spec":{"accessModes":["ReadWriteMany"]}}'`, 'pvc-access-modes'],
      [`kubectl patch pvc c1 -p '{"spec":{"storageClassName":"fast"}}'`, 'pvc-storage-class'],
      [`kubectl patch pvc c1 -p '{"spec":{"volumeName":"pv2"}}'`, 'pvc-volume-name'],
      [`kubectl patch pvc c1 -p '{"spec":{"selector":{"matchLabels":{"tier":"gold"}}}}'`, 'pvc-selector-added'],
      [`kubectl patch pvc c1 --type=json -p '[{"op":"add","path":"/spec/accessModes/-","value":"ReadOnlyMany"}]'`, 'pvc-access-modes-added'],
    ];
    for (const [cmd, diff] of cases) {
      const r = await run(cmd);
      expect(r.stderr, cmd).toBe(claimDiff('c1', diff));
      expect(r.stdout, cmd).toBe('rc=1\n');
    }
    expect(await spec('pvc', 'c1')).toBe(before);
  });

  it('kubectl edit comments out every line of a diff in the reopened file', async () => {
    const r = await run(`EDITOR="sed -i s/ReadWriteOnce/ReadWriteMany/" kubectl edit pvc c1`);
    expect(r.stderr.startsWith('error: persistentvolumeclaims "c1" is invalid\n')).toBe(true);
    expect(r.stdout).toBe('rc=1\n');
    const kept = await runScript(world, 'cka01', `ls /tmp/kubectl-edit-*.yaml | tail -1 | xargs sed -n '5,$p' | sed '/^#$/q'`);
    // The second pass's sed also turned the commented diff's "ReadWriteOnce" into "ReadWriteMany".
    const diff = golden['pvc-access-modes'].replace('"ReadWriteOnce"', '"ReadWriteMany"');
    expect(kept.stdout).toBe(`# persistentvolumeclaims "c1" was not valid:\n# * ${CLAIM_SPEC}\n${diff.replace(/\n(?=.)/g, '\n# ').replace(/^/, '# ')}\n#\n`);
  });

  it('reports a changed volumeMode twice: in the spec diff and as an immutable field', async () => {
    const r = await run(`kubectl patch pvc c1 -p '{"spec":{"volumeMode":"Block"}}'`);
    expect(r.stderr).toBe(invalidClaim('c1', `${CLAIM_SPEC}\n${golden['pvc-volume-mode']}`, 'volumeMode: Invalid value: "Block": field is immutable'));
    expect(r.stdout).toBe('rc=1\n');
  });

  it('refuses a bound claim request below its capacity, and leaves growth to the resize admission', async () => {
    let r = await run(`kubectl patch pvc c1 -p '{"spec":{"resources":{"requests":{"storage":"500Mi"}}}}'`);
    expect(r.stderr).toBe(invalidClaim('c1', 'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity'));
    expect(r.stdout).toBe('rc=1\n');
    r = await run(`kubectl patch pvc c1 -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'`);
    expect(r.stderr).toBe('Error from server (Forbidden): persistentvolumeclaims "c1" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n');
    expect(r.stdout).toBe('rc=1\n');
  });

  it('lets a request come back down above the capacity (RecoverVolumeExpansionFailure), not to it', async () => {
    let r = await run(`kubectl apply -f - <<'YAML'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: manual
provisioner: kubernetes.io/no-provisioner
allowVolumeExpansion: true
YAML`);
    expect(r.stdout).toBe('storageclass.storage.k8s.io/manual created\nrc=0\n');
    r = await run(`kubectl patch pvc c1 -p '{"spec":{"resources":{"requests":{"storage":"4Gi"}}}}'`);
    expect(r.stdout).toBe('persistentvolumeclaim/c1 patched\nrc=0\n');
    r = await run(`kubectl patch pvc c1 -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'`);
    expect(r.stdout).toBe('persistentvolumeclaim/c1 patched\nrc=0\n');
    r = await run(`kubectl patch pvc c1 -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`);
    expect(r.stderr).toBe(invalidClaim('c1', 'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity'));
    expect(await runScript(world, 'cka01', `kubectl get pvc c1 -o jsonpath='{.spec.resources.requests.storage} {.status.capacity.storage}'`)).toMatchObject({ stdout: '3Gi 2Gi' });
  });

  it('refuses any change to the storage request of an unbound claim, in either direction', async () => {
    let r = await run(`kubectl patch pvc c2 -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`);
    expect(r.stderr).toBe(claimDiff('c2', 'pvc-request-up'));
    expect(r.stdout).toBe('rc=1\n');
    r = await run(`kubectl patch pvc c2 -p '{"spec":{"resources":{"requests":{"storage":"500Mi"}}}}'`);
    expect(r.stderr).toBe(claimDiff('c2', 'pvc-request-down-unbound'));
  });

  it('compares quantities in the form the server stores them (1024Mi as 1Gi), a changed one as sent', async () => {
    let r = await run(`kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: q1
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: none
  resources:
    requests:
      storage: 1024Mi
YAML`);
    expect(r.stdout).toBe('persistentvolumeclaim/q1 created\nrc=0\n');
    r = await run(`kubectl patch pvc q1 -p '{"spec":{"accessModes":["ReadWriteMany"]}}'`);
    expect(r.stderr).toBe(claimDiff('q1', 'pvc-access-modes-unbound'));
    r = await run(`kubectl patch pvc q1 -p '{"spec":{"resources":{"requests":{"storage":"2048Mi"}}}}'`);
    expect(r.stderr).toBe(claimDiff('q1', 'pvc-request-noncanonical'));
  });

  it('lets volumeName be set once and a class be given to a claim that had none', async () => {
    let r = await run(`kubectl patch pvc c3 -p '{"spec":{"storageClassName":"slow"}}'`);
    expect(r.stdout).toBe('persistentvolumeclaim/c3 patched\nrc=0\n');
    r = await run(`kubectl patch pvc c3 -p '{"spec":{"storageClassName":"fast"}}'`);
    expect(r.stderr).toBe(claimDiff('c3', 'pvc-class-changed-after-upgrade'));
    r = await run(`kubectl patch pvc c2 -p '{"spec":{"volumeName":"pv9"}}'`);
    expect(r.stdout).toBe('persistentvolumeclaim/c2 patched\nrc=0\n');
  });

  it('takes the class from the beta annotation into the spec, and keeps the annotation immutable', async () => {
    let r = await run(`kubectl annotate pvc c4 --overwrite volume.beta.kubernetes.io/storage-class=fast`);
    expect(r.stderr).toBe(invalidClaim('c4', 'metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: "fast": field is immutable'));
    expect(r.stdout).toBe('rc=1\n');
    r = await run(`kubectl patch pvc c4 -p '{"spec":{"storageClassName":"slow"}}'`);
    expect(r.stdout).toBe('persistentvolumeclaim/c4 patched\nrc=0\n');
  });

  it('kubectl edit reopens the file with the refusal as comments, and gives up when saved unchanged', async () => {
    const r = await run(`EDITOR="sed -i s/storage-class:.slow/storage-class:\\ fast/" kubectl edit pvc c4`);
    const file = /A copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"/.exec(r.stderr)?.[1];
    expect(r.stderr).toBe(`error: persistentvolumeclaims "c4" is invalid\nA copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(r.stdout).toBe('rc=1\n');
    const kept = await runScript(world, 'cka01', `head -7 ${file}`);
    expect(kept.stdout).toBe(
      "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n" +
        '# persistentvolumeclaims "c4" was not valid:\n# * metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: "fast": field is immutable\n#\n',
    );
  });

  it('refuses a claim replaced with a changed spec', async () => {
    const r = await run(`kubectl get pvc c2 -o yaml | sed 's/ReadWriteOnce/ReadWriteMany/' > /tmp/c2.yaml; kubectl replace -f /tmp/c2.yaml`);
    expect(r.stderr.startsWith(`The PersistentVolumeClaim "c2" is invalid: ${CLAIM_SPEC}\n  core.PersistentVolumeClaimSpec{\n- \tAccessModes: []core.PersistentVolumeAccessMode{"ReadWriteOnce"},\n+ \tAccessModes: []core.PersistentVolumeAccessMode{"ReadWriteMany"},\n`)).toBe(true);
    expect(r.stdout).toBe('rc=1\n');
  });

  it("refuses changes to a volume's source and mode, not to its other fields", async () => {
    const before = await spec('pv', 'pv1');
    let r = await run(`kubectl patch pv pv1 -p '{"spec":{"hostPath":{"path":"/x"}}}'`);
    expect(r.stderr).toBe(`The PersistentVolume "pv1" is invalid: spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n${golden['pv-host-path']}\n`);
    expect(r.stdout).toBe('rc=1\n');
    r = await run(`kubectl patch pv pv1 --type=json -p '[{"op":"remove","path":"/spec/hostPath"},{"op":"add","path":"/spec/nfs","value":{"server":"10.0.0.5","path":"/exports"}}]'`);
    expect(r.stderr).toBe(`The PersistentVolume "pv1" is invalid: spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n${golden['pv-host-path-to-nfs']}\n`);
    r = await run(`kubectl patch pv pv1 -p '{"spec":{"volumeMode":"Block"}}'`);
    expect(r.stderr).toBe('The PersistentVolume "pv1" is invalid: volumeMode: Invalid value: "Block": field is immutable\n');
    expect(await spec('pv', 'pv1')).toBe(before);
    r = await run(`kubectl patch pv pv1 -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete","mountOptions":["ro"]}}'`);
    expect(r.stdout).toBe('persistentvolume/pv1 patched\nrc=0\n');
  });

  it('lets node affinity be set on a volume that had none, then keeps it', async () => {
    const affinity = (zone: string) =>
      `kubectl patch pv pv1 -p '{"spec":{"nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["${zone}"]}]}]}}}}'`;
    let r = await run(affinity('a'));
    expect(r.stdout).toBe('persistentvolume/pv1 patched\nrc=0\n');
    r = await run(affinity('b'));
    expect(r.stderr).toMatch(/^The PersistentVolume "pv1" is invalid: nodeAffinity: Invalid value: core\.VolumeNodeAffinity\{Required:\(\*core\.NodeSelector\)\(0xc[0-9a-f]{9}\)\}: field is immutable\n$/);
    expect(r.stdout).toBe('rc=1\n');
  });
});
