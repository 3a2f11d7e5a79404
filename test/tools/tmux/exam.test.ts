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
});
