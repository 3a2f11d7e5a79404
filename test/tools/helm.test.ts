import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { applySet, mergeValues } from '../../src/tools/helm/values';
import { table } from '../../src/tools/helm/print';
import fc from 'fast-check';

const INSTALL_HELM = 'curl -fsSL -o get_helm.sh https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3 && bash get_helm.sh';

async function helmWorld() {
  const world = bootWorld('cluster', 1);
  const r = await runScript(world, 'cka01', INSTALL_HELM);
  return { world, install: r };
}

describe('helm values', () => {
  it('parses --set like strvals: nesting, lists, types, several pairs', () => {
    const v = {};
    applySet(v, 'controller.service.type=NodePort,controller.replicaCount=2,flag=true');
    applySet(v, 'args[0]=--kubelet-insecure-tls');
    applySet(v, 'list={a,b}');
    expect(v).toEqual({ controller: { service: { type: 'NodePort' }, replicaCount: 2 }, flag: true, args: ['--kubelet-insecure-tls'], list: ['a', 'b'] });
    const s = {};
    applySet(s, 'tag=123', true);
    expect(s).toEqual({ tag: '123' });
    expect(() => applySet({}, 'novalue')).toThrow('failed parsing --set data: key "novalue" has no value');
  });

  it('merges maps and replaces everything else (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.integer()), fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.integer()), (a, b) => {
        const m = mergeValues({ ...a }, { ...b });
        for (const [k, v] of Object.entries(b)) expect(m[k]).toBe(v);
        for (const [k, v] of Object.entries(a)) if (!(k in b)) expect(m[k]).toBe(v);
      }),
    );
    expect(mergeValues({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({ a: { b: 1, c: 3 } });
  });

  it('prints uitable tables: padded cells, tab-separated, long cells cut', () => {
    expect(table([['NAME', 'URL'], ['bitnami', 'https://charts.bitnami.com/bitnami']])).toBe('NAME   \tURL                               \nbitnami\thttps://charts.bitnami.com/bitnami\n');
    expect(table([['A'], ['x'.repeat(60)]], 50)).toBe(`A${' '.repeat(49)}\n${'x'.repeat(47)}...\n`);
  });
});

describe('helm on the cluster', () => {
  it('is on PATH only after get-helm-3 installs it', async () => {
    const world = bootWorld('cluster', 1);
    const before = await runScript(world, 'cka01', 'helm version');
    expect(before.status).toBe(127);
    const r = await runScript(world, 'cka01', INSTALL_HELM);
    expect(r.stdout).toBe('Downloading https://get.helm.sh/helm-v3.17.3-linux-amd64.tar.gz\nVerifying checksum... Done.\nPreparing to install helm into /usr/local/bin\nhelm installed into /usr/local/bin/helm\n');
    const v = await runScript(world, 'cka01', 'helm version --short; helm version');
    expect(v.stdout).toBe('v3.17.3+ge4da497\nversion.BuildInfo{Version:"v3.17.3", GitCommit:"e4da49785aa6e6ee2b86efd5dd9e43400318262b", GitTreeState:"clean", GoVersion:"go1.23.7"}\n');
  });

  it('repo add/list/update/remove keep ~/.config/helm/repositories.yaml; the removed stable repo fails', async () => {
    const { world } = await helmWorld();
    const stable = await runScript(world, 'cka01', 'helm repo add stable https://kubernetes-charts.storage.googleapis.com');
    expect(stable.stderr).toBe('Error: repo "https://kubernetes-charts.storage.googleapis.com" is no longer available; try "https://charts.helm.sh/stable" instead\n');
    expect(stable.status).toBe(1);
    const r = await runScript(world, 'cka01', 'helm repo add bitnami https://charts.bitnami.com/bitnami; helm repo add bitnami https://charts.bitnami.com/bitnami; helm repo list; grep url: /root/.config/helm/repositories.yaml; helm repo update');
    expect(r.stdout).toBe(
      '"bitnami" has been added to your repositories\n"bitnami" already exists with the same configuration, skipping\nNAME   \tURL                               \nbitnami\thttps://charts.bitnami.com/bitnami\n  url: https://charts.bitnami.com/bitnami\nHang tight while we grab the latest from your chart repositories...\n...Successfully got an update from the "bitnami" chart repository\nUpdate Complete. ⎈Happy Helming!⎈\n',
    );
    const bad = await runScript(world, 'cka01', 'helm repo add x https://charts.example.invalid/x');
    expect(bad.stderr).toBe('Error: looks like "https://charts.example.invalid/x" is not a valid chart repository or cannot be reached: Get "https://charts.example.invalid/x/index.yaml": dial tcp: lookup charts.example.invalid on 127.0.0.53:53: no such host\n');
    const gone = await runScript(world, 'cka01', 'helm repo remove bitnami; helm repo list');
    expect(gone.stdout).toBe('"bitnami" has been removed from your repositories\n');
    expect(gone.stderr).toBe('Error: no repositories to show\n');
  });

  it('install stores the release as a helm.sh/release.v1 Secret; list, upgrade, history, rollback, uninstall', async () => {
    const { world } = await helmWorld();
    await runScript(world, 'cka01', 'helm repo add bitnami https://charts.bitnami.com/bitnami');
    const inst = await runScript(world, 'cka01', 'helm install web bitnami/nginx --set service.type=NodePort');
    expect(inst.stdout).toMatch(/^NAME: web\nLAST DEPLOYED: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nTEST SUITE: None\nNOTES:\nCHART NAME: nginx\n/);
    const again = await runScript(world, 'cka01', 'helm install web bitnami/nginx');
    expect(again.stderr).toBe('Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n');
    const secrets = await runScript(world, 'cka01', 'kubectl get secret -l owner=helm -o custom-columns=NAME:.metadata.name,TYPE:.type,STATUS:.metadata.labels.status --no-headers; kubectl get deploy web-nginx -o jsonpath={.metadata.annotations}');
    expect(secrets.stdout).toContain('sh.helm.release.v1.web.v1   helm.sh/release.v1   deployed');
    expect(secrets.stdout).toContain('"meta.helm.sh/release-name":"web"');
    const up = await runScript(world, 'cka01', 'helm upgrade web bitnami/nginx --set replicaCount=2 >/dev/null; helm history web; kubectl get deploy web-nginx -o jsonpath={.spec.replicas}');
    expect(up.stdout).toMatch(/^REVISION\tUPDATED                 \tSTATUS    \tCHART       \tAPP VERSION\tDESCRIPTION     \n1       \t.{24}\tsuperseded\tnginx-19.1.1\t1.28.0     \tInstall complete\n2       \t.{24}\tdeployed  \tnginx-19.1.1\t1.28.0     \tUpgrade complete\n2$/);
    const rb = await runScript(world, 'cka01', 'helm rollback web 1; helm list; kubectl get deploy web-nginx -o jsonpath={.spec.replicas}');
    expect(rb.stdout).toMatch(/^Rollback was a success! Happy Helming!\nNAME\tNAMESPACE\tREVISION\tUPDATED .*\nweb \tdefault  \t3       \t.*\tdeployed\tnginx-19.1.1\t1.28.0     \n1$/);
    const un = await runScript(world, 'cka01', 'helm uninstall web; kubectl get secret -l owner=helm; helm status web');
    expect(un.stdout).toBe('release "web" uninstalled\n');
    expect(un.stderr).toBe('No resources found in default namespace.\nError: release: not found\n');
  });

  it('upgrade --install of ingress-nginx runs the admission hooks, and an Ingress routes by Host header through the NodePort', async () => {
    const { world } = await helmWorld();
    const r = await runScript(
      world,
      'cka01',
      [
        'helm repo add ingress-nginx https://kubernetes.github.io/ingress-nginx >/dev/null',
        'helm upgrade --install ingress-nginx ingress-nginx/ingress-nginx --namespace ingress-nginx --create-namespace --set controller.service.type=NodePort --set controller.service.nodePorts.http=30080 | head -1',
        'kubectl wait -n ingress-nginx --for=condition=Ready pod -l app.kubernetes.io/component=controller --timeout=180s >/dev/null',
        'kubectl get jobs -n ingress-nginx',
        'kubectl get secret ingress-nginx-admission -n ingress-nginx -o name',
        'kubectl create deployment web --image=nginx >/dev/null && kubectl expose deployment web --port=80 >/dev/null',
        'kubectl create ingress web --class=nginx --rule="web.example.com/*=web:80" >/dev/null',
        'sleep 5',
        "curl -s -H 'Host: web.example.com' http://192.168.6.172:30080/ | grep title",
        "curl -s -H 'Host: nobody.example.com' http://192.168.6.173:30080/ | grep h1 | tr -d '\\r'",
      ].join('\n'),
    );
    expect(r.stdout).toBe('Release "ingress-nginx" does not exist. Installing it now.\nsecret/ingress-nginx-admission\n<title>Welcome to nginx!</title>\n<center><h1>404 Not Found</h1></center>\n');
    expect(r.stderr).toBe('No resources found in ingress-nginx namespace.\n');
  });

  it('fails without a reachable cluster as helm does', async () => {
    const { world } = await helmWorld();
    const r = await runScript(world, 'cka02', `${INSTALL_HELM} >/dev/null; helm list`);
    expect(r.stderr).toBe('Error: Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: connect: connection refused\n');
    expect(r.status).toBe(1);
  });
});
