/** The verbs a CKA candidate uses most, against the simulated API server (no controllers running). */
import { describe, expect, it } from 'vitest';
import { cluster } from './_cluster';

async function withNode(c: ReturnType<typeof cluster>, name: string) {
  c.server.request({
    verb: 'create', group: '', version: 'v1', resource: 'nodes',
    body: { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
  });
}

describe('node commands', () => {
  it('cordons, uncordons and taints a node', async () => {
    const c = cluster();
    await withNode(c, 'cka02');
    expect((await c.run('kubectl cordon cka02')).stdout).toBe('node/cka02 cordoned\n');
    expect((await c.run('kubectl cordon cka02')).stdout).toBe('node/cka02 already cordoned\n');
    expect((await c.run('kubectl get nodes')).stdout).toContain('cka02   Ready,SchedulingDisabled   <none>');
    expect((await c.run('kubectl uncordon cka02')).stdout).toBe('node/cka02 uncordoned\n');
    expect((await c.run('kubectl taint nodes cka02 dedicated=db:NoSchedule')).stdout).toBe('node/cka02 tainted\n');
    expect((await c.run('kubectl taint nodes cka02 dedicated=web:NoSchedule')).stderr).toBe(
      'error: node cka02 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect((await c.run("kubectl get node cka02 -o jsonpath='{.spec.taints[0].value}'")).stdout).toBe('db');
    expect((await c.run('kubectl taint nodes cka02 dedicated:NoSchedule-')).stdout).toBe('node/cka02 untainted\n');
    expect((await c.run('kubectl taint nodes cka02 dedicated:NoSchedule-')).stderr).toBe('error: taint "dedicated:NoSchedule" not found\n');
  });

  it('removes a taint written as key=value:effect-, as kubectl does (the value is ignored)', async () => {
    const c = cluster();
    await withNode(c, 'cka02');
    await c.run('kubectl taint nodes cka02 dedicated=batch:NoSchedule');
    expect((await c.run('kubectl taint nodes cka02 dedicated=batch:NoSchedule-')).stdout).toBe('node/cka02 untainted\n');
    expect((await c.run("kubectl get node cka02 -o jsonpath='{.spec.taints}'")).stdout).toBe('');
  });

  it('refuses to drain a node with a bare pod, as kubectl does', async () => {
    const c = cluster();
    await withNode(c, 'cka02');
    c.server.request({
      verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: 'default',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' }, spec: { nodeName: 'cka02', containers: [{ name: 'c', image: 'nginx' }] } },
    });
    const r = await c.run('kubectl drain cka02');
    expect(r.exit).toBe(1);
    expect(r.stdout).toBe('node/cka02 cordoned\n');
    expect(r.stderr).toBe(
      'error: unable to drain node "cka02" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\nThere are pending nodes to be drained:\n cka02\ncannot delete Pods that declare no controller (use --force to override): default/bare\n',
    );
  });
});

describe('rollout, patch, auth', () => {
  it('restarts and pauses a deployment, and reads the rollout status', async () => {
    const c = cluster();
    await c.run('kubectl create deployment web --image=nginx');
    expect((await c.run('kubectl rollout restart deploy/web')).stdout).toBe('deployment.apps/web restarted\n');
    const ann = await c.run("kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'");
    expect(ann.stdout).toBe('2026-01-15T08:00:00Z');
    expect((await c.run('kubectl rollout pause deploy/web')).stdout).toBe('deployment.apps/web paused\n');
    expect((await c.run('kubectl rollout status deploy/web --watch=false')).stdout).toMatch(/^Waiting for deployment/);
  });

  it('patches with merge and json patches', async () => {
    const c = cluster();
    await c.run('kubectl create deployment web --image=nginx');
    expect((await c.run(`kubectl patch deploy web -p '{"spec":{"replicas":4}}'`)).stdout).toBe('deployment.apps/web patched\n');
    expect((await c.run(`kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`)).stdout).toBe('deployment.apps/web patched\n');
    expect((await c.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).stdout).toBe('2');
  });

  it('answers auth can-i for the admin', async () => {
    const c = cluster();
    expect(await c.run('kubectl auth can-i create pods')).toEqual({ exit: 0, stdout: 'yes\n', stderr: '' });
  });

  it('lists api-resources with the kubectl columns', async () => {
    const c = cluster();
    const r = await c.run('kubectl api-resources');
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    expect(r.stdout).toMatch(/\npods +po +v1 +true +Pod\n/);
  });
});

describe('edit', () => {
  it('opens $EDITOR on the live object and saves the change', async () => {
    const c = cluster();
    await c.run('kubectl create configmap app --from-literal=mode=one');
    const { runKubectl } = await import('./_run');
    let opened = '';
    const r = await runKubectl('kubectl edit cm app', {
      fs: c.fs, clock: c.clock, transports: { 'https://192.168.6.171:6443': c.server }, env: { EDITOR: 'vim' },
      spawn: async (line, fs) => {
        const file = line.split(' ')[1];
        opened = fs.readFile(file);
        fs.writeFile(file, opened.replace('mode: one', 'mode: two'));
        return 0;
      },
    });
    expect(opened.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
    expect(opened).toContain('\ndata:\n  mode: one\nkind: ConfigMap\n');
    expect(r).toEqual({ exit: 0, stdout: 'configmap/app edited\n', stderr: '' });
    expect((await c.run("kubectl get cm app -o jsonpath='{.data.mode}'")).stdout).toBe('two');
  });

  it('reports an unchanged edit as cancelled', async () => {
    const c = cluster();
    await c.run('kubectl create configmap app --from-literal=mode=one');
    const { runKubectl } = await import('./_run');
    const r = await runKubectl('kubectl edit cm/app', {
      fs: c.fs, clock: c.clock, transports: { 'https://192.168.6.171:6443': c.server }, spawn: async () => 0,
    });
    // kubectl writes it to stderr (editoptions.go: fmt.Fprintln(o.ErrOut, …)).
    expect([r.stdout, r.stderr]).toEqual(['', 'Edit cancelled, no changes made.\n']);
  });
});

describe('explain', () => {
  it('prints KIND, VERSION, DESCRIPTION and FIELDS from the OpenAPI descriptions', async () => {
    const c = cluster();
    const r = await c.run('kubectl explain pod');
    expect(r.stdout.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n')).toBe(true);
    expect(r.stdout).toContain('FIELDS:\n  apiVersion\t<string>\n    APIVersion defines the versioned schema of this representation of an\n    object.');
    const field = await c.run('kubectl explain deploy.spec.replicas');
    expect(field.stdout).toContain('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n');
    expect((await c.run('kubectl explain pods.spec.nope')).stderr).toBe('error: field "nope" does not exist\n');
  });
});

describe('get --watch', () => {
  it('prints the list, then a row per change already due (hand-driven clock)', async () => {
    const c = cluster();
    await c.run('kubectl create configmap a --from-literal=k=v');
    const r = await c.run('kubectl get cm a -w');
    expect(r.stdout).toBe('NAME   DATA   AGE\na      1      0s\n');
  });
});

describe('completion', () => {
  it('prints the recorded bash script and rejects unknown shells', async () => {
    const c = cluster();
    const r = await c.run('kubectl completion bash');
    expect(r.stdout).toContain('__start_kubectl');
    expect(await c.run('kubectl completion foo')).toEqual({ exit: 1, stdout: '', stderr: 'error: Unsupported shell type "foo".\nSee \'kubectl completion -h\' for help and examples\n' });
  });
});

describe('create job --from', () => {
  it('instantiates a Job from a CronJob, owned by it', async () => {
    const c = cluster();
    await c.run('kubectl create cronjob nightly --image=busybox --schedule="0 0 * * *" -- date');
    const r = await c.run('kubectl create job manual-1 --from=cronjob/nightly --dry-run=client -o yaml');
    expect(r.exit).toBe(0);
    expect(r.stdout).toContain('  annotations:\n    cronjob.kubernetes.io/instantiate: manual\n');
    expect(r.stdout).toContain('  ownerReferences:\n  - apiVersion: batch/v1\n    controller: true\n    kind: CronJob\n    name: nightly\n');
    expect((await c.run('kubectl create job manual-2 --from=cronjob/nope')).stderr).toBe('Error from server (NotFound): cronjobs.batch "nope" not found\n');
    expect((await c.run('kubectl create job manual-3 --from=cronjob/nightly')).stdout).toBe('job.batch/manual-3 created\n');
  });
});

describe('events', () => {
  it('says when a namespace has no events', async () => {
    const c = cluster();
    expect(await c.run('kubectl events')).toEqual({ exit: 0, stdout: '', stderr: 'No events found in default namespace.\n' });
  });
});

describe('run --rm -it', () => {
  it('waits for the pod to start and times out when nothing runs it (no kubelet here)', async () => {
    const c = cluster();
    const start = c.clock.now();
    const r = await c.run('kubectl run tmp --image=busybox --rm -it --restart=Never -- sh');
    expect(r).toEqual({ exit: 1, stdout: '', stderr: 'error: timed out waiting for the condition\n' });
    expect(c.clock.now() - start).toBeGreaterThanOrEqual(300_000);
  });
});

describe('exec and logs through the kubelet endpoints', () => {
  function withPod() {
    const c = cluster();
    c.server.request({
      verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: 'default',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'cka02', containers: [{ name: 'c', image: 'busybox' }] } },
    });
    c.server.registerPodExecProvider('cka02', (_pod, _container, command, io) => {
      const line = command.join(' ');
      if (line === 'false' || line === 'sh -c false') return { stdout: '', stderr: '', exitCode: 1 };
      return { stdout: `ran: ${line}${io.stdin ? ` <${io.stdin}>` : ''}\n`, stderr: '', exitCode: 0 };
    });
    c.server.registerPodLogProvider('cka02', () => 'hello from c\n');
    return c;
  }

  it('runs a command and reports a non-zero exit as kubectl does', async () => {
    const c = withPod();
    expect(await c.run('kubectl exec p -- echo hi')).toEqual({ exit: 0, stdout: 'ran: echo hi\n', stderr: '' });
    expect(await c.run('kubectl exec p -- false')).toEqual({ exit: 1, stdout: '', stderr: 'command terminated with exit code 1\n' });
    // kubectl 1.31 turned the old form's deprecation warning into an error; nothing runs.
    expect(await c.run('kubectl exec p echo hi')).toEqual({
      exit: 1,
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    });
  });

  it('runs the lines it reads one by one through exec when the server cannot stream', async () => {
    const c = withPod();
    const { runKubectl } = await import('./_run');
    const r = await runKubectl('kubectl exec -it p -- sh', {
      fs: c.fs, clock: c.clock, transports: { 'https://192.168.6.171:6443': c.server }, stdin: 'ls /\nexit\n',
    });
    // Its input is no terminal: -t is dropped (with kubectl's warning), so no prompt is shown.
    expect(r).toEqual({ exit: 0, stdout: 'ran: sh -c ls /\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n' });
  });

  it('prints the logs of the pod', async () => {
    const c = withPod();
    expect(await c.run('kubectl logs p')).toEqual({ exit: 0, stdout: 'hello from c\n', stderr: '' });
    expect((await c.run('kubectl logs nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('custom resources', () => {
  it('prints the additionalPrinterColumns of the CRD', async () => {
    const c = cluster();
    c.fs.writeFile('/root/crd.yaml', `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              cronSpec: {type: string}
              replicas: {type: integer}
    additionalPrinterColumns:
    - {name: Spec, type: string, jsonPath: .spec.cronSpec}
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
`);
    expect((await c.run('kubectl apply -f crd.yaml')).stdout).toBe('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n');
    c.fs.writeFile('/root/ct.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: my-new-cron-object\nspec:\n  cronSpec: "* * * * */5"\n  replicas: 1\n');
    expect((await c.run('kubectl apply -f ct.yaml')).stdout).toBe('crontab.stable.example.com/my-new-cron-object created\n');
    c.clock.advance(7000);
    expect((await c.run('kubectl get ct')).stdout).toBe('NAME                 SPEC          REPLICAS   AGE\nmy-new-cron-object   * * * * */5   1          7s\n');
  });
});

describe('debug node', () => {
  it('creates a privileged pod on the node with the host filesystem at /host', async () => {
    const c = cluster();
    await withNode(c, 'cka02');
    const r = await c.run('kubectl debug node/cka02 --image=busybox');
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/^Creating debugging pod node-debugger-cka02-[bcdfghjklmnpqrstvwxz2456789]{5} with container debugger on node cka02\.\n$/);
    const name = r.stdout.split(' ')[3];
    const pod = await c.run(`kubectl get pod ${name} -o jsonpath={.spec.hostPID},{.spec.nodeName},{.spec.volumes[0].hostPath.path}`);
    expect(pod.stdout).toBe('true,cka02,/');
  });
});

describe('get --raw', () => {
  it('answers the health endpoints and resource paths', async () => {
    const c = cluster();
    expect((await c.run('kubectl get --raw /healthz')).stdout).toBe('ok');
    expect((await c.run("kubectl get --raw '/readyz?verbose'")).stdout).toMatch(/^\[\+\]ping ok\n[\s\S]*\nreadyz check passed\n$/);
    await c.run('kubectl create namespace dev');
    const ns = await c.run('kubectl get --raw /api/v1/namespaces/dev');
    expect(JSON.parse(ns.stdout).metadata.name).toBe('dev');
  });
});

describe('auth can-i --list', () => {
  it('lists what the user may do, one row per resource and URL', async () => {
    const c = cluster();
    await c.run('kubectl create role r --verb=get,list --resource=pods');
    await c.run('kubectl create rolebinding rb --role=r --user=jane');
    const r = await c.run('kubectl auth can-i --list --as=jane');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Resources +Non-Resource URLs +Resource Names +Verbs$/);
    expect(lines[1]).toMatch(/^pods +\[\] +\[\] +\[get list\]$/);
    expect(r.stdout).toMatch(/\n +\[\/healthz\] +\[\] +\[get\]\n/);
    expect(await c.run('kubectl auth can-i delete pods --as=jane')).toEqual({ exit: 1, stdout: 'no\n', stderr: '' });
  });
});

describe('invalid objects', () => {
  it('prints the server validation as kubectl does (no "Error from server" prefix)', async () => {
    const c = cluster();
    c.fs.writeFile('/root/bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: c\n');
    const r = await c.run('kubectl apply -f bad.yaml');
    expect(r.exit).toBe(1);
    expect(r.stderr).toMatch(/^The Pod "bad" is invalid: spec\.containers\[0\]\.image: Required value\n$/);
  });
});
