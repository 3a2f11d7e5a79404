/** The terminal controller around running commands: Ctrl-C, type-ahead, raw programs, paste. */
import { describe, expect, it } from 'vitest';
import { FakeShell } from './support/fake-backend';
import { startController } from './support/headless';

async function settle(rig: { flush(): Promise<void> }) {
  for (let i = 0; i < 3; i++) await rig.flush();
}

describe('terminal controller', () => {
  it('echoes ^C, ends the line and shows a new prompt when a command is interrupted', async () => {
    const { rig } = startController(new FakeShell());
    rig.type('sleep 100\r');
    await settle(rig);
    rig.type('\x03');
    await settle(rig);
    expect(rig.screen()).toBe('root@cka01:~# sleep 100\n^C\nroot@cka01:~#');
  });

  it('keeps keys typed during a command for the next prompt (echoed as the tty does)', async () => {
    const shell = new FakeShell();
    const { rig, controller } = startController(shell);
    rig.type('sleep 100\r');
    await settle(rig);
    rig.type('echo later');
    await settle(rig);
    expect(rig.screen()).toBe('root@cka01:~# sleep 100\necho later');
    shell.interrupt();
    await controller.idle();
    await settle(rig);
    expect(rig.screen()).toBe('root@cka01:~# sleep 100\necho laterroot@cka01:~# echo later');
  });

  it('draws a byte that is no UTF-8 (etcdctl get of a protobuf value) as the replacement character', async () => {
    const shell = new FakeShell();
    shell.run = async (_text, tty) => {
      tty.write('k8s\0\n\udc8f\u000bv1\n');
      return 0;
    };
    const { rig } = startController(shell);
    rig.type('etcdctl get x\r');
    await settle(rig);
    expect(rig.screen().split('\n')[1]).toBe('k8s');
    expect(rig.screen().split('\n')[2]).toMatch(/^\ufffd/);
  });

  it('interrupts a cooked-mode reader (not on the alternate screen) on Ctrl-C', async () => {
    const shell = new FakeShell();
    let received = '';
    shell.run = (_text, tty) =>
      new Promise<number>((resolve) => {
        const keys = tty.takeKeys((d) => (received += d));
        shell.interrupt = () => {
          keys.release();
          resolve(130);
        };
      });
    const { rig } = startController(shell);
    rig.type('cat\r');
    await settle(rig);
    rig.type('abc\x03');
    await settle(rig);
    expect(received).toBe('');
    expect(rig.screen()).toBe('root@cka01:~# cat\n^C\nroot@cka01:~#');
  });

  it('gives Ctrl-C to a full-screen program as a key', async () => {
    const shell = new FakeShell();
    let received = '';
    shell.run = (_text, tty) =>
      new Promise<number>((resolve) => {
        tty.write('\x1b[?1049h');
        const keys = tty.takeKeys((d) => {
          received += d;
          if (d === 'q') {
            keys.release();
            tty.write('\x1b[?1049l');
            resolve(0);
          }
        });
      });
    const { rig, controller } = startController(shell);
    rig.type('vim\r');
    await settle(rig);
    rig.type('\x03');
    rig.type('q');
    await controller.idle();
    await settle(rig);
    expect(received).toBe('\x03q');
    expect(rig.screen()).toBe('root@cka01:~# vim\nroot@cka01:~#');
  });

  it('types a multi-line bracketed paste line by line, keeping a last partial line for editing', async () => {
    const shell = new FakeShell();
    const { rig, controller } = startController(shell);
    rig.type('\x1b[200~echo one\necho two\necho thr\x1b[201~');
    await controller.idle();
    await settle(rig);
    expect(shell.ran).toEqual(['echo one', 'echo two']);
    expect(rig.screen().split('\n').pop()).toBe('root@cka01:~# echo thr');
  });

  it('at the top level, Ctrl-D on an empty line says how to leave instead of leaving', async () => {
    const { rig, controller } = startController(new FakeShell());
    rig.type('\x04');
    await controller.idle();
    await settle(rig);
    expect(rig.screen()).toBe('root@cka01:~#\nUse "logout" to leave the shell.\nroot@cka01:~#');
  });

  it('types run-button commands at the prompt, replacing what was being typed', async () => {
    const shell = new FakeShell();
    const { rig, controller } = startController(shell);
    rig.type('half-typed');
    controller.typeCommand('hostname');
    await controller.idle();
    await settle(rig);
    expect(shell.ran).toEqual(['hostname']);
    expect(rig.screen()).toBe('root@cka01:~# hostname\ncka01\nroot@cka01:~#');
  });
});

describe('bracketed paste mode', () => {
  it('is on while a line is read and off while a command runs, as readline does', async () => {
    const { rig } = startController(new FakeShell());
    await settle(rig);
    expect(rig.term.modes.bracketedPasteMode).toBe(true);
    rig.type('sleep 1\r');
    await settle(rig);
    expect(rig.term.modes.bracketedPasteMode).toBe(false);
    rig.type('\x03');
    await settle(rig);
    expect(rig.term.modes.bracketedPasteMode).toBe(true);
  });
});
