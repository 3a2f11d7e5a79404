/** describe output laid out by the Go tabwriter rules of describe.go. */
import { describe, expect, it } from 'vitest';
import { tabwrite } from '../../src/sim/go-tabwriter';
import { cluster } from './_cluster';

describe('tabwrite (Go text/tabwriter, describe settings)', () => {
  it('aligns a column over a block of consecutive lines only', () => {
    expect(tabwrite('Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\n')).toBe('Name:       web\nNamespace:  default\nIPs:\n  IP:  10.0.0.1\n');
  });
  it('never pads the text after the last tab', () => {
    expect(tabwrite('a\tb\t\nccc\td\n')).toBe('a    b  \nccc  d\n');
  });
});

describe('kubectl describe', () => {
  it('describes a pending pod as kubectl 1.33 does', async () => {
    const c = cluster();
    await c.run('kubectl run p1 --image=busybox --env=A=1 -l app=x --port=80 -- sleep 1000');
    const r = await c.run('kubectl describe pod p1');
    expect(r.exit).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      'Name:             p1',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             <none>',
      'Labels:           app=x',
      'Annotations:      <none>',
      'Status:           Pending',
      'IP:               ',
      'IPs:              <none>',
    ]);
    expect(r.stdout).toContain('Containers:\n  p1:\n    Image:      busybox\n    Port:       80/TCP\n    Host Port:  0/TCP\n    Args:\n      sleep\n      1000\n');
    expect(r.stdout).toContain('QoS Class:                   BestEffort\n');
    expect(r.stdout).toContain('Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
    expect(r.stdout.endsWith('Events:                      <none>\n')).toBe(true);
  });

  it('reports a missing object and an unknown type', async () => {
    const c = cluster();
    expect(await c.run('kubectl describe pod nope')).toEqual({ exit: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect((await c.run('kubectl describe foos')).stderr).toBe('error: the server doesn\'t have a resource type "foos"\n');
  });
});

describe('kubectl describe RBAC', () => {
  it('breaks a role down into one row per resource', async () => {
    const c = cluster();
    await c.run('kubectl create role pod-reader --verb=get,list --resource=pods,deployments.apps');
    expect((await c.run('kubectl describe role pod-reader')).stdout).toBe(
      'Name:         pod-reader\nLabels:       <none>\nAnnotations:  <none>\nPolicyRule:\n' +
        '  Resources         Non-Resource URLs  Resource Names  Verbs\n' +
        '  ---------         -----------------  --------------  -----\n' +
        // rbac.SortableRuleSlice orders by PolicyRule's String(): the core group ("[]") first.
        '  pods              []                 []              [get list]\n' +
        '  deployments.apps  []                 []              [get list]\n',
    );
  });

  it('lists the subjects of a role binding', async () => {
    const c = cluster();
    await c.run('kubectl create rolebinding rb --clusterrole=view --user=jane');
    expect((await c.run('kubectl describe rolebinding rb')).stdout).toBe(
      'Name:         rb\nLabels:       <none>\nAnnotations:  <none>\nRole:\n  Kind:  ClusterRole\n  Name:  view\nSubjects:\n  Kind  Name  Namespace\n  ----  ----  ---------\n  User  jane  \n',
    );
  });
});

describe('kubectl describe ingress', () => {
  it('lists rules with their backends, reporting a missing service as kubectl does', async () => {
    const c = cluster();
    await c.run('kubectl create ingress ing1 --class=nginx --rule=foo.com/bar=svc1:8080');
    expect((await c.run('kubectl describe ingress ing1')).stdout).toBe(
      'Name:             ing1\nLabels:           <none>\nNamespace:        default\nAddress:          \nIngress Class:    nginx\nDefault backend:  <default>\nRules:\n' +
        '  Host        Path  Backends\n  ----        ----  --------\n  foo.com     \n              /bar   svc1:8080 (<error: services "svc1" not found>)\n' +
        'Annotations:  <none>\nEvents:       <none>\n',
    );
  });
});
