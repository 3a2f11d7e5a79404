/**
 * tmux where the exam has it: on the candidate's base machine, panes reach the exam hosts with
 * ssh like the terminal itself does; tmux is installed on the base machine and the Ubuntu hosts.
 */
import { describe, expect, it } from 'vitest';
import { bootExamBase, openExamSession, prepareExamHost } from '../../../src/runtime/exam-session';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { openTerminal, startTmux, until } from './rig';

describe('tmux in the exam environment', () => {
  it('is installed on the base machine and on the Ubuntu machines', async () => {
    const base = bootExamBase();
    expect((await runScript(base, 'base', 'command -v tmux; tmux -V', 'candidate')).stdout).toBe('/usr/bin/tmux\ntmux 3.2a\n');
    const machines = bootWorld('machines', 1);
    expect((await runScript(machines, 'cka02', 'command -v tmux')).stdout).toBe('/usr/bin/tmux\n');
  });

  it('gives each pane a shell on base from which ssh reaches the exam hosts', async () => {
    const base = bootExamBase();
    const host = bootWorld('machines', 7305);
    await prepareExamHost(host);
    const session = openExamSession(base, { cka7305: host }, { columns: 80 });
    const t = await openTerminal({ world: base, session });
    await startTmux(t);
    expect(t.lines()[0]).toBe('candidate@base:~$');
    await t.type('ssh cka7305\r');
    await until(t, (s) => s.includes('candidate@cka01'), 'the exam host prompt');
    await t.type('\x02%');
    await t.type('hostname; whoami\r');
    await until(t, (s) => s.split('\n').some((l) => l.endsWith('│base')), 'hostname in the new pane');
    const right = t.lines().map((l) => l.slice(41));
    expect(right.slice(0, 3)).toEqual(['candidate@base:~$ hostname; whoami', 'base', 'candidate']);
    await t.type('\x02o');
    await t.type('hostname\r');
    await until(t, (s) => s.split('\n').some((l) => l.startsWith('cka01 ')), 'hostname on the exam host');
  });

  it('runs on an exam host after ssh, its panes being shells on that host', async () => {
    const base = bootExamBase();
    const host = bootWorld('machines', 5248);
    await prepareExamHost(host);
    const session = openExamSession(base, { cka5248: host }, { columns: 80 });
    const t = await openTerminal({ world: base, session });
    await t.type('ssh cka5248\r');
    await until(t, (s) => s.includes('candidate@cka01'), 'the exam host prompt');
    await startTmux(t);
    await t.type('\x02%');
    await t.type('hostname; echo $TMUX\r');
    await until(t, (s) => s.split('\n').some((l) => l.endsWith('│cka01')), 'hostname in the new pane');
    expect(t.lines().map((l) => l.slice(41))).toContainEqual(expect.stringMatching(/^\/tmp\/tmux-\d+\/default,\d+,0$/));
    await t.type('\x02d');
    await until(t, (s) => s.includes('[detached (from session 0)]'), 'detach');
    await t.type('exit\r');
    await t.type('tmux ls\r');
    // The session lives on the exam host; base has no server.
    await until(t, (s) => s.includes('error connecting to /tmp/tmux-1000/default (No such file or directory)'), 'no server on base');
  });
});
