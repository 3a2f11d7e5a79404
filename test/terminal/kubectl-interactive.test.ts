/**
 * kubectl's interactive sessions on a terminal (headless xterm on a real cluster world): with the
 * terminal as its input, `-it` gives the container's shell with its prompts, and a node-debugging
 * Pod's `chroot /host` gives the node's own shell.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, openSystemSession } from '../../src/runtime/session';
import { sessionBackend } from '../../src/terminal/session-backend';
import { startController } from './support/headless';

async function boot() {
  const world = bootWorld('cluster');
  const session = openSystemSession(world, { host: 'cka01', user: 'root' });
  await session.ready;
  const { rig, controller } = startController(sessionBackend(session), { cols: 160, rows: 40 });
  await rig.flush();
  /** Type, then let the programs run until the screen (trailing spaces trimmed) ends with `until` (a prompt). */
  const type = async (data: string, until: RegExp) => {
    rig.type(data);
    for (let i = 0; i < 2000 && !until.test(rig.screen()); i++) await rig.flush();
    expect(rig.screen()).toMatch(until);
  };
  return { rig, controller, type };
}

describe('kubectl -it on a terminal', () => {
  it('debug node: the Pod shell prompts; chroot /host prompts as the node; exit returns to each shell in turn', async () => {
    const { rig, type } = await boot();
    await type('kubectl debug node/cka02 -it --image=busybox\r', /\/ #$/);
    expect(rig.screen()).toMatch(/Creating debugging pod node-debugger-cka02-\w{5} with container debugger on node cka02\.\nIf you don't see a command prompt, try pressing enter\.\n\/ #$/);
    await type('chroot /host\r', /root@cka02:\/#$/);
    await type('systemctl is-active kubelet\r', /active\nroot@cka02:\/#$/);
    await type('exit\r', /exit\n\/ #$/);
    await type('exit\r', /root@cka01:~#$/);
    expect(rig.screen()).toContain('/ # chroot /host\nroot@cka02:/# systemctl is-active kubelet\nactive\nroot@cka02:/# exit\nexit\n/ # exit\n');
  });

  it('debug POD: the ephemeral container says it will not be restarted once its session ends', async () => {
    const { rig, type } = await boot();
    await type('kubectl run web --image=nginx; sleep 20\r', /root@cka01:~#$/);
    await type('kubectl debug -it web --image=busybox --target=web\r', /\/ #$/);
    await type('hostname\r', /web\n\/ #$/);
    await type('exit\r', /root@cka01:~#$/);
    expect(rig.screen()).toMatch(/\/ # exit\nSession ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c debugger-\w{5} -i -t' if it is still running\nroot@cka01:~#$/);
  });
});
