import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('crictl stop', () => {
  it('stops a control-plane container; the kubelet notices and restarts it', async () => {
    const world = bootWorld('cluster');
    const stop = await runScript(world, 'cka01', 'crictl ps --name kube-scheduler -q 2>/dev/null | xargs crictl stop 2>/dev/null');
    expect(stop.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const after = await runScript(world, 'cka01', 'sleep 20; kubectl -n kube-system get pod kube-scheduler-cka01 --no-headers');
    expect(after.stdout).toMatch(/^kube-scheduler-cka01\s+1\/1\s+Running\s+1 \(20s ago\)/);
    const missing = await runScript(world, 'cka01', 'crictl stop nope 2>&1 | tail -1');
    // logrus's text format ends the message with a space (%-44s then ' ').
    expect(missing.stdout).toBe('FATA[0000] stopping the container "nope": rpc error: code = NotFound desc = an error occurred when try to find container "nope": not found \n');
  });
});
