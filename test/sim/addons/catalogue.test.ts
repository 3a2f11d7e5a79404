import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { addonFile } from '../../../src/sim/addons/catalogue';
import { bootWorld, runScript } from '../../../src/runtime/session';

const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string }; spec?: any }).filter(Boolean);

describe('add-on catalogue by URL', () => {
  it('serves Calico manifests for each release the chapters and notes use', () => {
    for (const v of ['v3.25.0', 'v3.26.1', 'v3.27.3', 'v3.28.2', 'v3.29.3']) {
      const objs = objects(addonFile(`https://raw.githubusercontent.com/projectcalico/calico/${v}/manifests/calico.yaml`)!);
      const ds = objs.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'calico-node')!;
      expect(ds.metadata.namespace).toBe('kube-system');
      expect(ds.spec.template.spec.containers[0].image).toBe(`docker.io/calico/node:${v}`);
      expect(objs.some((o) => o.kind === 'Deployment' && o.metadata.name === 'calico-kube-controllers')).toBe(true);
    }
    expect(addonFile('https://raw.githubusercontent.com/projectcalico/calico/v3.99.0/manifests/calico.yaml')).toBeUndefined();
    expect(addonFile('https://docs.projectcalico.org/manifests/calico.yaml')).toContain('calico-node');
    expect(addonFile('https://docs.projectcalico.org/v3.25/manifests/calico.yaml')).toContain('docker.io/calico/node:v3.25.2');
  });

  it('serves the operator install: tigera-operator.yaml and custom-resources.yaml', () => {
    const op = objects(addonFile('https://raw.githubusercontent.com/projectcalico/calico/v3.29.3/manifests/tigera-operator.yaml')!);
    const dep = op.find((o) => o.kind === 'Deployment')!;
    expect(dep.metadata).toMatchObject({ name: 'tigera-operator', namespace: 'tigera-operator' });
    expect(op.some((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name === 'installations.operator.tigera.io')).toBe(true);
    const cr = objects(addonFile('https://raw.githubusercontent.com/projectcalico/calico/v3.29.3/manifests/custom-resources.yaml')!);
    expect(cr.map((o) => o.kind)).toEqual(['Installation', 'APIServer']);
    expect(cr[0].spec.calicoNetwork.ipPools[0].cidr).toBe('192.168.0.0/16');
  });

  it('serves flannel from the release URL and the old coreos URL', () => {
    const latest = addonFile('https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml')!;
    expect(latest).toBe(addonFile('https://raw.githubusercontent.com/coreos/flannel/master/Documentation/kube-flannel.yml'));
    const cm = objects(latest).find((o) => o.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(JSON.parse(cm.data['net-conf.json']).Network).toBe('10.244.0.0/16');
  });

  it('serves ingress-nginx bare metal (NodePort), the dashboard and the get-helm-3 script', () => {
    const ing = objects(addonFile('https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.1/deploy/static/provider/baremetal/deploy.yaml')!);
    expect(ing.find((o) => o.kind === 'Service' && o.metadata.name === 'ingress-nginx-controller')!.spec.type).toBe('NodePort');
    expect(ing.filter((o) => o.kind === 'Job').map((o) => o.metadata.name)).toEqual(['ingress-nginx-admission-create', 'ingress-nginx-admission-patch']);
    const dash = objects(addonFile('https://raw.githubusercontent.com/kubernetes/dashboard/v2.7.0/aio/deploy/recommended.yaml')!);
    expect(dash.find((o) => o.kind === 'Deployment' && o.metadata.name === 'kubernetes-dashboard')!.spec.template.spec.containers[0].image).toBe('kubernetesui/dashboard:v2.7.0');
    expect(addonFile('https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3')).toMatch(/^#!\/usr\/bin\/env bash/);
  });

  it('kubectl apply -f URL reads the catalogue; unknown paths and hosts fail as kubectl does', async () => {
    const world = bootWorld('cluster', 1);
    const bad = await runScript(world, 'cka01', 'kubectl apply -f https://raw.githubusercontent.com/projectcalico/calico/v3.99.3/manifests/calico.yaml');
    expect(bad.stderr).toBe('error: unable to read URL "https://raw.githubusercontent.com/projectcalico/calico/v3.99.3/manifests/calico.yaml", server reported 404 Not Found, status code=404\n');
    expect(bad.status).toBe(1);
    const host = await runScript(world, 'cka01', 'kubectl create -f https://nosuch.example.com/x.yaml');
    expect(host.stderr).toBe('Unable to connect to the server: dial tcp: lookup nosuch.example.com on 127.0.0.53:53: no such host\n');
    expect(host.status).toBe(1);
    const ok = await runScript(world, 'cka01', 'kubectl apply -f https://raw.githubusercontent.com/kubernetes/dashboard/v2.7.0/aio/deploy/recommended.yaml');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('deployment.apps/kubernetes-dashboard created\n');
  });

  it('curl downloads the same bytes kubectl reads', async () => {
    const world = bootWorld('cluster', 1);
    const r = await runScript(world, 'cka01', 'curl -sL -o kube-flannel.yml https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml && grep -c "kind: DaemonSet" kube-flannel.yml');
    expect(r.stdout).toBe('1\n');
  });
});
