/** kubeadm init when the kubelet never becomes healthy (swap on, the Swap check ignored): kubeadm v1.33's help and error. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { PREPARE_NODE } from './equivalence/install-script';

describe('kubeadm init with a kubelet that never starts', () => {
  it('prints the kubelet help screen after 4m0s and fails on the healthz call', async () => {
    const world = bootWorld('machines', 1);
    await runScript(world, 'cka01', PREPARE_NODE);
    const r = await runScript(world, 'cka01', "sed -i '/swap/ s/^#//' /etc/fstab\nswapon -a\nkubeadm init --ignore-preflight-errors=Swap");
    expect(r.status).toBe(1);
    expect(r.stdout.slice(r.stdout.indexOf('[kubelet-check]'))).toBe(
      [
        '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s',
        '[kubelet-check] The kubelet is not healthy after 4m0.000771671s',
        '',
        'Unfortunately, an error has occurred, likely caused by:',
        '\t- The kubelet is not running',
        '\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)',
        '',
        'If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:',
        "\t- 'systemctl status kubelet'",
        "\t- 'journalctl -xeu kubelet'",
        '',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toContain(
      "error execution phase wait-control-plane: failed while waiting for the kubelet to start: The HTTP call equal to 'curl -sSL http://127.0.0.1:10248/healthz' returned error: Get \"http://127.0.0.1:10248/healthz\": dial tcp 127.0.0.1:10248: connect: connection refused\n\nTo see the stack trace of this error execute with --v=5 or higher\n",
    );
  }, 120_000);
});
