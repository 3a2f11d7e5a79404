/**
 * The API server's warnings reach the user as kubectl prints them: `Warning: TEXT` on stderr,
 * each text once per command (client-go's deduplicating warning writer).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(() => {
  world = bootWorld('cluster');
});

describe('server warnings', () => {
  it('deprecated APIs: ComponentStatus and (from v1.33) Endpoints', async () => {
    const cs = await run('kubectl get cs >/dev/null');
    expect(cs.stderr).toBe('Warning: v1 ComponentStatus is deprecated in v1.19+\n');
    const ep = await run('kubectl get endpoints kubernetes -o name');
    expect(ep).toMatchObject({ stdout: 'endpoints/kubernetes\n', stderr: 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n' });
  });

  it('one line per text in a command, however many responses carry it', async () => {
    const r = await run('kubectl get endpoints kubernetes kubernetes -o name');
    expect(r.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  });

  it('PodSecurity "warn" mode: the violations of a pod that is still admitted', async () => {
    const r = await run(`kubectl create ns psa
kubectl label ns psa pod-security.kubernetes.io/warn=restricted >/dev/null
kubectl -n psa run p --image=nginx`);
    expect(r.stdout).toBe('namespace/psa created\npod/p created\n');
    expect(r.stderr).toMatch(/^Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "p" must set securityContext\.allowPrivilegeEscalation=false\)/);
  });
});
