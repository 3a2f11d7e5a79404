/**
 * crictl dials the endpoint it was given (flag, environment, /etc/crictl.yaml) and meets whatever
 * serves that socket: CRI-O on a minikube CRI-O node (containerd stopped there), nothing on a path
 * no unit serves (cri-tools v1.33's validate error, naming that endpoint).
 */
import { describe, expect, it } from 'vitest';
import { freshWorld, run, MINIKUBE_INSTALL } from './helpers';
import { runScript } from '../../src/runtime/session';

const INSTALL = MINIKUBE_INSTALL;

describe('crictl endpoints', () => {
  it('lists the containers CRI-O runs on its node, and fails on a socket nothing serves', async () => {
    const w = freshWorld();
    expect((await run(w, INSTALL)).status).toBe(0);
    expect((await run(w, 'minikube start --container-runtime=cri-o >/dev/null', { user: 'ubuntu' })).status).toBe(0);
    const ps = await runScript(w, 'cka01', 'minikube ssh -- sudo crictl ps --name kube-apiserver -q | wc -l', 'ubuntu');
    expect(ps.stdout.trim()).toBe('1');
    const none = await runScript(w, 'cka01', 'minikube ssh -- sudo crictl -r unix:///run/nope.sock ps; echo "rc $?"', 'ubuntu');
    expect(none.stderr).toContain(
      'FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/nope.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/nope.sock: connect: no such file or directory"',
    );
  });
});
