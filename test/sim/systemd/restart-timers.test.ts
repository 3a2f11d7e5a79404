/**
 * The restart timers of crash-looping units: none while no unit loops (an idle world schedules
 * nothing), one per looping unit due at its next attempt, dropped when the loop ends, and armed
 * again from the machines' state after a world is restored from its JSON.
 */
import { describe, expect, it } from 'vitest';
import { freshWorld, run } from '../../tools/helpers';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { World, type WorldJSON } from '../../../src/sim/world';
import { RESTART_TIMERS_ATTACHMENT, RestartTimers } from '../../../src/sim/systemd/restart-timers';
import { clusterOf } from '../../../src/sim/cluster/attach';
import type { SystemdState } from '../../../src/sim/systemd/manager';
import { withKubeletUnit } from './_kubelet-unit';

function timersOf(world: World): string[] | undefined {
  const part = world.attachments.get(RESTART_TIMERS_ATTACHMENT);
  return part instanceof RestartTimers ? part.armed() : undefined;
}

function kubeletUnit(world: World, host: string) {
  return (world.machines.get(host)!.ext.systemd as SystemdState).units['kubelet.service'];
}

describe('restart timers', () => {
  it('an idle machine arms no timer: starts, stops, status and the journal schedule nothing', async () => {
    const world = freshWorld();
    const pending = world.clock.pendingCount();
    const r = await run(world, 'systemctl restart ssh; systemctl stop cron; systemctl start cron; systemctl status ssh >/dev/null; systemctl is-active cron; journalctl --no-pager >/dev/null; sleep 30');
    expect(r.stdout).toBe('active\n');
    expect(world.clock.pendingCount()).toBe(pending);
    expect(timersOf(world)).toBeUndefined();
    expect(Object.keys(world.toJSON().ext)).not.toContain(RESTART_TIMERS_ATTACHMENT);
  });

  it('a crash loop arms one timer at its next attempt, and drops it when the unit stops', async () => {
    const world = withKubeletUnit();
    const pending = world.clock.pendingCount();
    expect((await run(world, 'systemctl start kubelet; systemctl is-active kubelet')).stdout).toBe('activating\n');
    expect(timersOf(world)).toEqual(['cka01 kubelet.service']);
    expect(world.clock.pendingCount()).toBe(pending + 1);
    const loop = kubeletUnit(world, 'cka01').crash!;
    // RestartSec=10 plus the failed run.
    expect(loop.period).toBe(10_070);
    expect(world.clock.nextAt()).toBe(loop.since + loop.period);
    // Attempts come and go unseen: one timer all along, each due at the next attempt.
    world.clock.advance(35_000);
    expect(world.clock.pendingCount()).toBe(pending + 1);
    expect(world.clock.nextAt()).toBe(loop.since + 4 * loop.period);

    await run(world, 'systemctl stop kubelet');
    expect(world.clock.pendingCount()).toBe(pending);
    expect(timersOf(world)).toBeUndefined();
    expect(Object.keys(world.toJSON().ext)).not.toContain(RESTART_TIMERS_ATTACHMENT);
  });

  it('a restored world arms its loops again: the kubelet runs once its file is back, unseen', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka02', 'mv /var/lib/kubelet/config.yaml /root/\nsystemctl restart kubelet');
    world.clock.advance(25_000);
    const saved = JSON.parse(JSON.stringify(world.toJSON())) as WorldJSON;
    expect(saved.ext[RESTART_TIMERS_ATTACHMENT]).toEqual(['cka02']);

    const restored = World.fromJSON(saved);
    expect(timersOf(restored)).toEqual(['cka02 kubelet.service']);
    const fs = restored.machines.get('cka02')!.rootFs;
    fs.writeFile('/var/lib/kubelet/config.yaml', fs.readFile('/root/config.yaml'));
    const fixedAt = restored.clock.now();
    restored.clock.advance(11_000);
    const unit = kubeletUnit(restored, 'cka02');
    expect(unit.crash).toBeUndefined();
    expect(unit.state).toBe('active');
    expect(unit.since).toBeGreaterThan(fixedAt);
    expect(clusterOf(restored)!.kubelets.get('cka02')!.running).toBe(true);
    // The loop over, the part leaves the world.
    expect(timersOf(restored)).toBeUndefined();
    expect(Object.keys(restored.toJSON().ext)).not.toContain(RESTART_TIMERS_ATTACHMENT);
  });
});
