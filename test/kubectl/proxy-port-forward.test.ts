/**
 * kubectl proxy and kubectl port-forward serve on the learner's machine while they run: curl
 * reaches the API server through the proxy as the kubeconfig's user, and a Pod's port through
 * the forward; `kill %N` ends them and the port is free again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run('kubectl create deployment web --image=nginx:1.27 --port=80 >/dev/null; kubectl expose deployment web --port=8080 --target-port=80 >/dev/null; sleep 30; kubectl get pods -l app=web --no-headers');
  expect(r.stdout).toMatch(/Running/);
}, 60_000);

describe('kubectl proxy', () => {
  it('answers for the API server (pretty for curl), refuses exec, and is gone once killed', async () => {
    const r = await run(
      [
        'kubectl proxy --port=8001 &',
        'sleep 1',
        'curl -s http://127.0.0.1:8001/api/v1/namespaces/default/services/web | head -3',
        'curl -s -o /dev/null -w "%{http_code}\\n" http://localhost:8001/api/v1/namespaces/default/pods/x/exec',
        'kubectl proxy --port=8001; echo "second: $?"',
        'kill %1; wait',
        'curl -s http://127.0.0.1:8001/api; echo "after: $?"',
      ].join('\n'),
    );
    expect(r.stdout).toBe('Starting to serve on 127.0.0.1:8001\n{\n  "kind": "Service",\n  "apiVersion": "v1",\n403\nsecond: 1\nafter: 7\n');
    expect(r.stderr).toBe('error: listen tcp 127.0.0.1:8001: bind: address already in use\n');
  });
});

describe('kubectl port-forward', () => {
  it("forwards a Service's port to its Pods' target port, saying so for each connection", async () => {
    const r = await run(['kubectl port-forward svc/web 9090:8080 &', 'sleep 1', 'curl -s localhost:9090 | grep "<title>"', 'kill %1; wait', 'curl -s localhost:9090; echo "after: $?"'].join('\n'));
    expect(r.stdout).toBe('Forwarding from 127.0.0.1:9090 -> 80\nForwarding from [::1]:9090 -> 80\nHandling connection for 9090\n<title>Welcome to nginx!</title>\nafter: 7\n');
  });
});
