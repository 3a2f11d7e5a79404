/** kubectl against the real simulated API server: the verbs a CKA candidate uses most. */
import { describe, expect, it } from 'vitest';
import { cluster } from './_cluster';

describe('kubectl with the API server', () => {
  it('creates a deployment and lists it', async () => {
    const c = cluster();
    const created = await c.run('kubectl create deployment web --image=nginx --replicas=2');
    expect(created).toEqual({ exit: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    c.clock.advance(5000);
    const got = await c.run('kubectl get deployments');
    expect(got.exit).toBe(0);
    expect(got.stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    0/2     0            0           5s\n');
  });

  it('reports an existing object as AlreadyExists', async () => {
    const c = cluster();
    await c.run('kubectl create namespace dev');
    const again = await c.run('kubectl create namespace dev');
    expect(again).toEqual({ exit: 1, stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "dev" already exists\n' });
  });

  it('prints NotFound for a missing pod and No resources found for an empty list', async () => {
    const c = cluster();
    expect(await c.run('kubectl get pod nope')).toEqual({ exit: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await c.run('kubectl get pods')).toEqual({ exit: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(await c.run('kubectl get pods -n kube-public')).toEqual({ exit: 0, stdout: '', stderr: 'No resources found in kube-public namespace.\n' });
  });

  it('rejects an unknown resource type', async () => {
    const c = cluster();
    expect(await c.run('kubectl get foos')).toEqual({ exit: 1, stdout: '', stderr: 'error: the server doesn\'t have a resource type "foos"\n' });
  });

  it('applies, re-applies unchanged, then configures a change', async () => {
    const c = cluster();
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  mode: one
`;
    c.fs.writeFile('/root/cm.yaml', manifest);
    expect((await c.run('kubectl apply -f cm.yaml')).stdout).toBe('configmap/app created\n');
    expect((await c.run('kubectl apply -f cm.yaml')).stdout).toBe('configmap/app unchanged\n');
    c.fs.writeFile('/root/cm.yaml', manifest.replace('one', 'two'));
    expect((await c.run('kubectl apply -f cm.yaml')).stdout).toBe('configmap/app configured\n');
    const value = await c.run("kubectl get cm app -o jsonpath='{.data.mode}'");
    expect(value.stdout).toBe('two');
  });

  it('labels, scales, sets the image and deletes', async () => {
    const c = cluster();
    await c.run('kubectl create deployment web --image=nginx');
    expect((await c.run('kubectl label deploy web tier=front')).stdout).toBe('deployment.apps/web labeled\n');
    expect((await c.run('kubectl label deploy web tier=back')).stderr).toBe("error: 'tier' already has a value (front), and --overwrite is false\n");
    expect((await c.run('kubectl scale deploy web --replicas=3')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await c.run('kubectl set image deploy/web nginx=nginx:1.27')).stdout).toBe('deployment.apps/web image updated\n');
    const img = await c.run("kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.labels.tier}'");
    expect(img.stdout).toBe('3 nginx:1.27 front');
    expect((await c.run('kubectl delete deploy web')).stdout).toBe('deployment.apps "web" deleted\n');
    expect((await c.run('kubectl get deploy web')).stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
  });

  it('prints -o yaml of a single object and a List for several', async () => {
    const c = cluster();
    await c.run('kubectl create configmap a --from-literal=k=v');
    const one = await c.run('kubectl get cm a -o yaml');
    expect(one.stdout.startsWith('apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "2026-01-15T08:00:00Z"\n')).toBe(true);
    const list = await c.run('kubectl get cm -o name');
    expect(list.stdout).toContain('configmap/a\n');
  });
});
