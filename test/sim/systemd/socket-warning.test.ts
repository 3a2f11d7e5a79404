/**
 * systemctl stop of a service whose socket still listens: systemd's warn_triggering_units
 * (systemctl-start-unit.c) after the stop jobs, on stderr, exit status 0. Text as systemd prints
 * it (e.g. "Warning: Stopping docker.service, but it can still be activated by:\n  docker.socket").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('systemctl stop: a socket that can start the service again', () => {
  let world: ReturnType<typeof bootWorld>;
  beforeAll(() => {
    world = bootWorld('minikube');
  });

  it('warns when the service stops and its socket keeps listening', async () => {
    const r = await runScript(world, 'minikube', 'systemctl stop docker; echo rc=$?');
    expect(r.stdout).toBe('rc=0\n');
    expect(r.stderr).toBe('Warning: Stopping docker.service, but it can still be activated by:\n  docker.socket\n');
  });

  it('says nothing when the socket is PartOf= the service: the stop closes it too', async () => {
    // cri-dockerd's packaging/systemd/cri-docker.socket: PartOf=cri-docker.service.
    const w = bootWorld('minikube');
    const r = await runScript(w, 'minikube', 'systemctl stop cri-docker; echo rc=$?; systemctl is-active cri-docker.socket');
    expect(r.stdout).toBe('rc=0\ninactive\n');
    expect(r.stderr).toBe('');
  });

  it('says nothing when the socket is stopped in the same command, or for a service without a socket', async () => {
    const r = await runScript(world, 'minikube', 'systemctl stop cri-docker.service cri-docker.socket; systemctl stop kubelet; echo rc=$?');
    expect(r.stdout).toBe('rc=0\n');
    expect(r.stderr).toBe('');
  });
});
