import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/labs/checks/index';
import { Check } from '../../src/labs/schema';
import { gradeTargetFor } from '../../src/runtime/labs';
import { bootWorld, runScript } from '../../src/runtime/session';

const check = (c: unknown) => Check.parse(c);

describe('checks on machines (packages, units, kernel)', () => {
  it('kernel: swap, modules and sysctl as the seeds prepare a node', async () => {
    const world = bootWorld('machines');
    const target = gradeTargetFor(world);
    const swap = check({ type: 'kernel', host: 'cka02', swapOff: true });
    const module = check({ type: 'kernel', host: 'cka02', module: 'br_netfilter' });
    const forward = check({ type: 'kernel', host: 'cka02', sysctl: { key: 'net.ipv4.ip_forward', value: '1' } });
    expect((await runCheck(swap, target)).message.en).toBe('Swap is still on on cka02 (/swap.img).');
    expect((await runCheck(module, target)).message.en).toBe('The kernel module br_netfilter is not loaded on cka02.');
    expect((await runCheck(forward, target)).message.en).toBe('net.ipv4.ip_forward is 0 on cka02; the task asks for 1.');
    await runScript(world, 'cka02', 'swapoff -a && modprobe br_netfilter && sysctl -w net.ipv4.ip_forward=1');
    for (const c of [swap, module, forward]) expect((await runCheck(c, target)).pass).toBe(true);
  });

  it('packages and units of a kubeadm node', async () => {
    const world = bootWorld('cluster');
    const target = gradeTargetFor(world);
    expect(await runCheck(check({ type: 'package', host: 'cka02', name: 'kubelet', version: '1.33.4', held: true }), target)).toMatchObject({ pass: true });
    expect((await runCheck(check({ type: 'package', host: 'cka02', name: 'kubelet', version: '1.34' }), target)).message.en).toBe('kubelet on cka02 is at 1.33.4-1.1; the task asks for 1.34.');
    expect((await runCheck(check({ type: 'package', host: 'cka02', name: 'nginx' }), target)).message.en).toBe('nginx on cka02 is not installed.');
    const active = check({ type: 'service', host: 'cka02', unit: 'kubelet', active: true, enabled: true });
    expect((await runCheck(active, target)).pass).toBe(true);
    await runScript(world, 'cka02', 'systemctl stop kubelet');
    expect((await runCheck(active, target)).message.en).toBe('kubelet.service on cka02 is inactive; the task asks for it to be active.');
  });
});
