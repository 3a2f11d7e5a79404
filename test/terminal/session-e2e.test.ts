/**
 * The terminal on the real shell session and world (the `machines` scenario), in headless xterm:
 * what a learner sees in the page, without the browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { programs } from '../../src/shell/commands/index';
import { Session } from '../../src/shell/session';
import { shellProgramNames } from '../../src/shell/index';
import { createWorld } from '../../src/sim/create-world';
import { preloadTerminalPrograms, terminalPrograms } from '../../src/terminal/programs';
import { sessionBackend } from '../../src/terminal/session-backend';
import { startController } from './support/headless';

async function boot() {
  const world = createWorld('machines', { seed: 1, programs: [...shellProgramNames(), ...Object.keys(terminalPrograms)] });
  const session = new Session({ world, host: 'cka01', user: 'root', programs: { ...programs, ...terminalPrograms } });
  await session.ready;
  const { rig, controller } = startController(sessionBackend(session), { cols: 80, rows: 24 });
  const type = async (data: string) => {
    rig.type(data);
    // A full-screen program keeps the command running: wait for output, not for the prompt.
    for (let i = 0; i < 5; i++) await rig.flush();
    if (!controller.isRunning) await controller.idle();
    await rig.flush();
  };
  await rig.flush();
  return { world, rig, controller, type };
}

// The editors load on first use (lazy-typeahead.test.ts covers that): here their code is in.
beforeAll(() => preloadTerminalPrograms());

describe('terminal on the shell session', () => {
  it('shows the prompt and answers hostname', async () => {
    const { rig, type } = await boot();
    expect(rig.screen()).toBe('root@cka01:~#');
    await type('hostname\r');
    expect(rig.screen()).toBe('root@cka01:~# hostname\ncka01\nroot@cka01:~#');
  });

  it('edits a file in vim and cats it', async () => {
    const { rig, type } = await boot();
    await type('vim notes.txt\r');
    expect(rig.screen()).toContain('"notes.txt" [New]');
    await type('ihello from vim');
    await type('\x1b');
    await type(':wq\r');
    await type('cat notes.txt\r');
    expect(rig.screen()).toBe('root@cka01:~# vim notes.txt\nroot@cka01:~# cat notes.txt\nhello from vim\nroot@cka01:~#');
  });

  it('runs a pasted here-document line by line', async () => {
    const { rig, type } = await boot();
    await type('\x1b[200~cat <<EOF > a.txt\nline one\nline two\nEOF\ncat a.txt\n\x1b[201~');
    expect(rig.screen()).toBe(
      ['root@cka01:~# cat <<EOF > a.txt', '> line one', '> line two', '> EOF', 'root@cka01:~# cat a.txt', 'line one', 'line two', 'root@cka01:~#'].join('\n'),
    );
  });

  it('completes paths on the machine', async () => {
    const { rig, type } = await boot();
    await type('cat /etc/hostn\t');
    expect(rig.screen()).toBe('root@cka01:~# cat /etc/hostname');
    await type('\r');
    expect(rig.screen()).toContain('cka01');
  });

  it('keeps Ctrl-D at the top level from closing the machine', async () => {
    const { rig, type } = await boot();
    await type('\x04');
    expect(rig.screen()).toBe('root@cka01:~#\nUse "logout" to leave the shell.\nroot@cka01:~#');
  });

  it('follows ssh to another machine and back with Ctrl-D', async () => {
    const { rig, type } = await boot();
    await type('ssh cka02\r');
    await type('hostname\r');
    expect(rig.screen()).toContain('cka02');
    await type('\x04');
    await type('hostname\r');
    const lines = rig.screen().split('\n');
    expect(lines[lines.length - 2]).toBe('cka01');
  });

  it('recalls the expanded command after !! with the up arrow, as bash saves it', async () => {
    const { rig, type } = await boot();
    await type('echo hi\r');
    await type('!!\r');
    await type('\x1b[A');
    expect(rig.screen().split('\n').pop()).toBe('root@cka01:~# echo hi');
    await type('\x1b[A');
    expect(rig.screen().split('\n').pop()).toBe('root@cka01:~# echo hi');
  });
});
