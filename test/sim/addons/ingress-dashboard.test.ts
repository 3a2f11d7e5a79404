import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('ingress-nginx and the dashboard from their manifests', () => {
  it('bare-metal deploy.yaml: admission jobs complete, the controller becomes ready, an Ingress routes through the NodePort', async () => {
    const world = bootWorld('cluster', 1);
    const r = await runScript(
      world,
      'cka01',
      [
        'kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.1/deploy/static/provider/baremetal/deploy.yaml >/dev/null',
        'kubectl wait -n ingress-nginx --for=condition=Ready pod -l app.kubernetes.io/component=controller --timeout=180s >/dev/null',
        "kubectl get jobs -n ingress-nginx --no-headers | awk '{print $1, $2, $3}'",
        "kubectl get validatingwebhookconfiguration ingress-nginx-admission -o jsonpath='{.webhooks[0].clientConfig.caBundle}' | cut -c1-4",
        'PORT=$(kubectl get svc -n ingress-nginx ingress-nginx-controller -o jsonpath=\'{.spec.ports[0].nodePort}\')',
        'kubectl create deployment web --image=nginx >/dev/null && kubectl expose deployment web --port=80 >/dev/null',
        'kubectl create ingress web --class=nginx --rule="web.example.com/*=web:80" >/dev/null',
        'sleep 5',
        "curl -s -H 'Host: web.example.com' http://192.168.6.173:$PORT/ | grep title",
        'kubectl scale deployment web --replicas=0 >/dev/null; sleep 5',
        "curl -s -H 'Host: web.example.com' http://192.168.6.173:$PORT/ | grep h1 | tr -d '\\r'",
      ].join('\n'),
    );
    expect(r.stdout).toBe('ingress-nginx-admission-create Complete 1/1\ningress-nginx-admission-patch Complete 1/1\nLS0t\n<title>Welcome to nginx!</title>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n');
  });

  it('dashboard v2.7.0: patched to NodePort 32443, reachable on every node, logged into with kubectl create token', async () => {
    const world = bootWorld('cluster', 1);
    const r = await runScript(
      world,
      'cka01',
      [
        'kubectl apply -f https://raw.githubusercontent.com/kubernetes/dashboard/v2.7.0/aio/deploy/recommended.yaml >/dev/null',
        'kubectl -n kubernetes-dashboard rollout status deployment/kubernetes-dashboard >/dev/null',
        'kubectl -n kubernetes-dashboard patch service kubernetes-dashboard -p \'{"spec":{"type":"NodePort","ports":[{"port":443,"nodePort":32443}]}}\'',
        'kubectl -n kubernetes-dashboard get service kubernetes-dashboard --no-headers | awk \'{print $2, $5}\'',
        'curl -sk https://192.168.6.172:32443/ >/dev/null && echo reachable',
        'kubectl create serviceaccount dashboard-admin -n kubernetes-dashboard >/dev/null',
        'kubectl create clusterrolebinding dashboard-admin --clusterrole=cluster-admin --serviceaccount=kubernetes-dashboard:dashboard-admin >/dev/null',
        'kubectl create token dashboard-admin -n kubernetes-dashboard --duration=1h | cut -c1-3',
        'kubectl get secret -n kubernetes-dashboard | grep -c dashboard-admin-token',
      ].join('\n'),
    );
    expect(r.stdout).toBe('service/kubernetes-dashboard patched\nNodePort 443:32443/TCP\nreachable\neyJ\n0\n');
  });
});
