/**
 * managedFields as a real API server records them (structured-merge-diff's comparison with the
 * zero object of the type, before mutating admission), for the objects a learner makes first.
 * The expected sets are the ones real clusters print for the same commands (kubectl 1.2x–1.33
 * outputs of `kubectl get … -o yaml`): '.' only on what was absent from the zero object (maps,
 * pointer structs, list items), atomic structs as one field (selector, involvedObject), nothing
 * for fields left at their zero value (eventTime: null), nothing for what admission adds (the
 * token volume, tolerations, priority).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

type Entry = { manager: string; operation: string; subresource?: string; fieldsV1: Record<string, unknown> };

async function managedFields(script: string, get: string): Promise<Entry[]> {
  const world = bootWorld('cluster');
  const r = await runScript(world, 'cka01', `${script}\n${get} -o json --show-managed-fields`);
  return (JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { metadata: { managedFields: Entry[] } }).metadata.managedFields;
}

const byManager = (entries: Entry[], manager: string, subresource?: string) => entries.find((e) => e.manager === manager && e.subresource === subresource)?.fieldsV1;

const CONTAINER = { '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} };

describe('managedFields', () => {
  it('kubectl create deployment: the deployment the real server records', async () => {
    const entries = await managedFields('kubectl create deployment web --image=nginx >/dev/null', 'kubectl get deploy web');
    expect(byManager(entries, 'kubectl-create')).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:progressDeadlineSeconds': {},
        'f:replicas': {},
        'f:revisionHistoryLimit': {},
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': { 'k:{"name":"nginx"}': CONTAINER },
            'f:dnsPolicy': {},
            'f:restartPolicy': {},
            'f:schedulerName': {},
            'f:securityContext': {},
            'f:terminationGracePeriodSeconds': {},
          },
        },
      },
    });
    // entries as the server sorts them: Apply first, then by time, manager, subresource
    const order = (e: Entry & { time: string }) => [e.operation, Date.parse(e.time) / 1000, e.manager, e.subresource ?? ''].join('|');
    const keys = (entries as (Entry & { time: string })[]).map(order);
    expect(keys).toEqual([...keys].sort());
    expect(entries.map((e) => e.manager).slice(0, 2)).toEqual(['kube-controller-manager', 'kube-controller-manager']);
    // the keys in structured-merge-diff's order: '.' first, then sorted
    const json = JSON.stringify(byManager(entries, 'kubectl-create'));
    expect(json.indexOf('"f:progressDeadlineSeconds"')).toBeLessThan(json.indexOf('"f:replicas"'));
  });

  it('kubectl run: the pod without what admission added, and the kubelet\'s status', async () => {
    const entries = await managedFields('kubectl run web --image=nginx --port=80 >/dev/null\nsleep 20', 'kubectl get pod web');
    expect(byManager(entries, 'kubectl-run')).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:run': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"web"}': {
            ...CONTAINER,
            'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
          },
        },
        'f:dnsPolicy': {},
        'f:enableServiceLinks': {},
        'f:restartPolicy': {},
        'f:schedulerName': {},
        'f:securityContext': {},
        'f:terminationGracePeriodSeconds': {},
      },
    });
    const status = byManager(entries, 'kubelet', 'status') as { 'f:status': Record<string, Record<string, unknown>> };
    expect(status['f:status']['f:containerStatuses']).toEqual({});
    expect(status['f:status']['f:podIPs']).toMatchObject({ '.': {} });
    expect(Object.keys(status['f:status']['f:conditions'])).not.toContain('.');
    expect((status['f:status']['f:conditions'] as Record<string, unknown>)['k:{"type":"Ready"}']).toMatchObject({ '.': {}, 'f:status': {}, 'f:type': {} });
    for (const f of ['f:hostIP', 'f:phase', 'f:podIP', 'f:startTime']) expect(status['f:status'][f]).toEqual({});
  });

  it('the kubelet\'s events: an atomic involvedObject, no eventTime (null, as in the zero Event)', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'kubectl get events -o json --show-managed-fields --field-selector reason=Starting');
    const event = (JSON.parse(r.stdout) as { items: { metadata: { managedFields: Entry[] } }[] }).items[0];
    expect(event.metadata.managedFields.map((e) => [e.manager, e.operation])).toEqual([['kubelet', 'Update']]);
    expect(event.metadata.managedFields[0].fieldsV1).toEqual({
      'f:count': {},
      'f:firstTimestamp': {},
      'f:involvedObject': {},
      'f:lastTimestamp': {},
      'f:message': {},
      'f:reason': {},
      'f:reportingComponent': {},
      'f:reportingInstance': {},
      'f:source': { 'f:component': {}, 'f:host': {} },
      'f:type': {},
    });
  });

  it('kubectl create configmap and secret: maps owned with their "."', async () => {
    const cm = await managedFields('kubectl create configmap c --from-literal=a=1 >/dev/null', 'kubectl get cm c');
    expect(byManager(cm, 'kubectl-create')).toEqual({ 'f:data': { '.': {}, 'f:a': {} } });
    const secret = await managedFields('kubectl create secret generic s --from-literal=auth=x >/dev/null', 'kubectl get secret s');
    expect(byManager(secret, 'kubectl-create')).toEqual({ 'f:data': { '.': {}, 'f:auth': {} }, 'f:type': {} });
  });

  it('kubectl expose: an atomic selector map, no fields the registry allocates (clusterIP, ipFamilies)', async () => {
    const entries = await managedFields('kubectl create deployment web --image=nginx >/dev/null\nkubectl expose deployment web --port=80 >/dev/null', 'kubectl get svc web');
    expect(byManager(entries, 'kubectl-expose')).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:internalTrafficPolicy': {},
        'f:ports': { '.': {}, 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } },
        'f:selector': {},
        'f:sessionAffinity': {},
        'f:type': {},
      },
    });
  });

  it('an update takes what it changed from the creator and keeps the rest where it was', async () => {
    const entries = await managedFields('kubectl create deployment web --image=nginx >/dev/null\nkubectl scale deployment web --replicas=3 >/dev/null\nkubectl label deployment web tier=front >/dev/null', 'kubectl get deploy web');
    expect((byManager(entries, 'kubectl-create') as { 'f:spec': Record<string, unknown> })['f:spec']).not.toHaveProperty('f:replicas');
    // kubectl scale goes through the scale subresource, under kubectl's User-Agent
    expect(byManager(entries, 'kubectl', 'scale')).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(byManager(entries, 'kubectl-label')).toEqual({ 'f:metadata': { 'f:labels': { 'f:tier': {} } } });
  });
});

describe('server-side apply', () => {
  it('records the applier as kubectl (operation Apply) with exactly what it applied', async () => {
    const entries = await managedFields(
      'kubectl run nginx --image=nginx --restart=Never --dry-run=client -o yaml > /tmp/p.yaml\nkubectl apply --server-side -f /tmp/p.yaml >/dev/null',
      'kubectl get pod nginx',
    );
    expect(entries[0]).toMatchObject({ manager: 'kubectl', operation: 'Apply' });
    expect(entries[0].fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:run': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {} } }, 'f:dnsPolicy': {}, 'f:restartPolicy': {} },
    });
  });
});

describe('kubectl scale', () => {
  it('scales through the scale subresource, so a kind without one is not found', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'kubectl run p --image=nginx >/dev/null\nkubectl scale pod p --replicas=2\necho rc=$?');
    expect(r.stdout + r.stderr).toContain('Error from server (NotFound): the server could not find the requested resource');
    expect(r.stdout).toContain('rc=1');
  });

  it('prints the object as it fetched it, before scaling, as RunScale does', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'kubectl create deployment web --image=nginx --replicas=3 >/dev/null\nkubectl scale deploy web --replicas=4 -o jsonpath="{.spec.replicas}"; echo\nkubectl get deploy web -o jsonpath="{.spec.replicas}"');
    expect(r.stdout.split('\n')).toEqual(['3', '4']);
  });
});

describe('kubectl certificate approve', () => {
  it('is recorded under the approval subresource, the signature under status', async () => {
    const script = [
      'openssl genrsa -out /tmp/u.key 2048 2>/dev/null',
      'openssl req -new -key /tmp/u.key -subj "/CN=jane" -out /tmp/u.csr',
      'printf "apiVersion: certificates.k8s.io/v1\\nkind: CertificateSigningRequest\\nmetadata:\\n  name: jane\\nspec:\\n  request: %s\\n  signerName: kubernetes.io/kube-apiserver-client\\n  usages:\\n  - client auth\\n" "$(base64 -w0 /tmp/u.csr)" > /tmp/csr.yaml',
      'kubectl create -f /tmp/csr.yaml >/dev/null',
      'kubectl certificate approve jane >/dev/null',
    ].join('\n');
    const entries = await managedFields(script, 'kubectl get csr jane');
    expect(entries.map((e) => [e.manager, e.subresource ?? ''])).toEqual([
      ['kube-controller-manager', 'status'],
      ['kubectl', 'approval'],
      ['kubectl-create', ''],
    ]);
    expect(byManager(entries, 'kubectl', 'approval')).toEqual({
      'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"Approved"}': { '.': {}, 'f:lastTransitionTime': {}, 'f:lastUpdateTime': {}, 'f:message': {}, 'f:reason': {}, 'f:status': {}, 'f:type': {} } } },
    });
    expect(byManager(entries, 'kubectl-create')).toEqual({ 'f:spec': { 'f:request': {}, 'f:signerName': {}, 'f:usages': {} } });
  });
});
