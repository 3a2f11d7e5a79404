/**
 * tmux driven through a learner's terminal (headless xterm on the real session): splits, pane
 * switching, a command typed in each pane, windows, detach and attach with the shells kept,
 * kill-pane's prompt, and the exits.
 */
import { describe, expect, it } from 'vitest';
import { openTerminal, startTmux, until } from './rig';

const BORDER_COL = 40;

describe('tmux on the terminal', () => {
  it('starts a session with the status line in tmux layout', async () => {
    const t = await openTerminal();
    await startTmux(t);
    const lines = t.lines();
    expect(lines[0]).toBe('root@cka01:~#');
    const status = t.statusLine();
    expect(status).toHaveLength(80);
    expect(status).toMatch(/^\[0\] 0:bash\* +"cka01" \d\d:\d\d \d\d-[A-Z][a-z]{2}-\d\d$/);
    // The status line is black on green.
    const cell = t.rig.term.buffer.active.getLine(t.rig.term.buffer.active.viewportY + 23)!.getCell(0)!;
    expect(cell.getFgColor()).toBe(0);
    expect(cell.getBgColor()).toBe(2);
  });

  it('splits left and right, runs a command in each pane and moves between them', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('echo left\r');
    await t.type('\x02%');
    await t.type('echo right\r');
    let lines = t.lines();
    expect(lines[0]).toBe(`root@cka01:~# echo left${' '.repeat(BORDER_COL - 23)}│root@cka01:~# echo right`);
    expect(lines[1]).toBe(`left${' '.repeat(BORDER_COL - 4)}│right`);
    expect(lines[10].charAt(BORDER_COL)).toBe('│');
    // o goes back to the left pane: what is typed lands there.
    await t.type('\x02o');
    await t.type('hostname\r');
    lines = t.lines();
    expect(lines[2].slice(0, BORDER_COL).trimEnd()).toBe('root@cka01:~# hostname');
    expect(lines[3].slice(0, BORDER_COL).trimEnd()).toBe('cka01');
    expect(lines[2].slice(BORDER_COL + 1)).toBe('root@cka01:~#');
    // The right arrow after the prefix moves right again.
    await t.type('\x02\x1b[C');
    await t.type('pwd\r');
    lines = t.lines();
    expect(lines[3].slice(BORDER_COL + 1)).toBe('/root');
  });

  it('splits top and bottom with a border line and a junction', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    await t.type('\x02"');
    const lines = t.lines();
    expect(lines[11]).toBe(' '.repeat(BORDER_COL) + '├' + '─'.repeat(39));
    expect(lines[12]).toBe(' '.repeat(BORDER_COL) + '│root@cka01:~#');
    await t.type('echo bottom\r');
    expect(t.lines()[13]).toBe(' '.repeat(BORDER_COL) + '│bottom');
    // Up goes to the pane above.
    await t.type('\x02\x1b[A');
    await t.type('echo top\r');
    expect(t.lines()[1]).toBe(' '.repeat(BORDER_COL) + '│top');
  });

  it('kills a pane after asking kill-pane N? (y/n)', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    await t.type('\x02x');
    expect(t.statusLine()).toBe('kill-pane 1? (y/n)');
    await t.type('n');
    expect(t.lines()[0].charAt(BORDER_COL)).toBe('│');
    await t.type('\x02x');
    await t.type('y');
    await until(t, (s) => !s.includes('│'), 'the pane to close');
    expect(t.statusLine()).toMatch(/^\[0\] 0:bash\* /);
  });

  it('opens, renames and switches windows', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('echo first\r');
    await t.type('\x02c');
    expect(t.statusLine()).toMatch(/^\[0\] 0:bash- 1:bash\* /);
    expect(t.lines()[0]).toBe('root@cka01:~#');
    await t.type('\x02,');
    expect(t.statusLine()).toBe('(rename-window) bash');
    await t.type('\x15web\r');
    expect(t.statusLine()).toMatch(/^\[0\] 0:bash- 1:web\* /);
    await t.type('\x02p');
    expect(t.statusLine()).toMatch(/^\[0\] 0:bash\* 1:web- /);
    expect(t.lines()[1]).toBe('first');
    await t.type('\x021');
    expect(t.statusLine()).toMatch(/^\[0\] 0:bash- 1:web\* /);
    await t.type('\x02n');
    expect(t.statusLine()).toMatch(/^\[0\] 0:bash\* 1:web- /);
  });

  it('zooms the active pane', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    await t.type('\x02z');
    expect(t.statusLine()).toMatch(/^\[0\] 0:bash\*Z /);
    expect(t.rig.screen()).not.toContain('│');
    await t.type('\x02z');
    expect(t.lines()[0].charAt(BORDER_COL)).toBe('│');
  });

  it('detaches, lists the session and attaches again with the shells and their output kept', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('cd /etc && echo kept\r');
    await t.type('\x02d');
    await until(t, (s) => s.includes('[detached (from session 0)]'), 'the detach message');
    expect(t.lines().slice(0, 3)).toEqual(['root@cka01:~# tmux', '[detached (from session 0)]', 'root@cka01:~#']);
    await t.type('tmux ls\r');
    expect(t.lines()[3]).toMatch(/^0: 1 windows \(created \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\)$/);
    await t.type('tmux attach\r');
    await until(t, (s) => s.includes('kept'), 'the pane again');
    expect(t.lines().slice(0, 3)).toEqual(['root@cka01:~# cd /etc && echo kept', 'kept', 'root@cka01:/etc#']);
    await t.type('pwd\r');
    expect(t.lines()[3]).toBe('/etc');
  });

  it('shows (attached) in tmux ls run inside the session', async () => {
    const t = await openTerminal();
    await startTmux(t, 'tmux new -s exam');
    expect(t.statusLine()).toMatch(/^\[exam\] 0:bash\* /);
    await t.type('tmux ls\r');
    expect(t.lines()[1]).toMatch(/^exam: 1 windows \(created .+\) \(attached\)$/);
  });

  it('ends with [exited] when the last shell exits, and the server is gone', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    await t.type('exit\r');
    await until(t, (s) => !s.includes('│'), 'the pane to close');
    await t.type('exit\r');
    await until(t, (s) => s.includes('[exited]'), '[exited]');
    expect(t.lines().slice(0, 2)).toEqual(['root@cka01:~# tmux', '[exited]']);
    await t.type('tmux ls\r');
    expect(t.lines()[3]).toBe('no server running on /tmp/tmux-0/default');
  });

  it('refuses to nest and tells how to force it', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('echo $TERM $TMUX_PANE\r');
    expect(t.lines()[1]).toBe('screen %0');
    await t.type('tmux\r');
    expect(t.lines()[3]).toBe('sessions should be nested with care, unset $TMUX to force');
  });

  it('kills the session from outside: the client prints [exited]', async () => {
    const t = await openTerminal();
    await startTmux(t, 'tmux new -s work');
    await t.type('tmux kill-session -t work\r');
    await until(t, (s) => s.includes('[exited]'), '[exited]');
    await t.type('tmux kill-server\r');
    expect(t.rig.screen()).toContain('no server running on /tmp/tmux-0/default');
  });

  it('kill-server from a pane prints [server exited]', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('tmux kill-server\r');
    await until(t, (s) => s.includes('[server exited]'), '[server exited]');
  });

  it('splits from the command line inside a pane and lists the panes', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('tmux split-window -h\r');
    await until(t, (s) => s.includes('│'), 'the split');
    await t.type("tmux list-panes -F '#{pane_index} #{pane_width}x#{pane_height} #{pane_id} #{pane_active}'\r");
    const right = t.lines().map((l) => l.slice(BORDER_COL + 1));
    expect(right).toContain('0 40x23 %0 0');
    expect(right).toContain('1 39x23 %1 1');
    await t.type('clear\r');
    await t.type('tmux list-windows\r');
    // The window is named after the program in the foreground: tmux itself, while it lists.
    const text = t.lines().slice(0, 23).map((l) => l.slice(BORDER_COL + 1).padEnd(39)).join('');
    expect(text).toMatch(/^root@cka01:~# tmux list-windows {8}0: tmux\* \(2 panes\) \[80x23\] \[layout [0-9a-f]{4},80x23,0,0\{40x23,0,0,0,39x23,41,0,1\}\] @0 \(active\) *root@cka01:~# *$/);
  });

  it('names the window after the program running in the active pane', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('vim notes.txt\r');
    // Wait for vim's screen, not just the name: keys typed before vim reads them are type-ahead.
    await until(t, (s) => /0:vim\*/.test(t.statusLine()) && s.includes('"notes.txt" [New]'), 'vim and the window name');
    await t.type(':q\r');
    await until(t, () => /0:bash\*/.test(t.statusLine()), 'the window name back');
  });

  it('draws a full-screen program inside its pane only', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('echo left\r');
    await t.type('\x02%');
    await t.type('vim\r');
    await until(t, (s) => s.split('\n')[1]?.slice(BORDER_COL + 1).startsWith('~'), 'vim in the right pane');
    const lines = t.lines();
    expect(lines[1]).toBe(`left${' '.repeat(BORDER_COL - 4)}│~`);
    await t.type(':q\r');
    await until(t, (s) => !s.includes('│~'), 'vim to quit');
    expect(t.lines()[0].slice(BORDER_COL + 1)).toBe('root@cka01:~# vim');
  });

  it('scrolls back in copy mode and leaves it with q', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('seq 100\r');
    expect(t.lines()[21]).toBe('100');
    await t.type('\x02[');
    expect(t.lines()[0]).toMatch(/ +\[0\/\d+\]$/);
    await t.type('\x1b[5~');
    const top = t.lines()[0];
    expect(top).toMatch(/^\d+ +\[21\/\d+\]$/);
    await t.type('q');
    expect(t.lines()[21]).toBe('100');
    expect(t.lines()[0]).not.toMatch(/\[\d+\/\d+\]/);
  });

  it('keeps a pane running while detached', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('for i in 1 2 3; do sleep 1; echo tick $i; done\r');
    await t.type('\x02d');
    await until(t, (s) => s.includes('[detached'), 'detach');
    await t.type('tmux a\r');
    await until(t, (s) => s.includes('tick 3'), 'the loop output');
  });

  it('reaches other machines from a pane with ssh', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('ssh cka02\r');
    await until(t, (s) => s.includes('root@cka02'), 'the remote prompt');
    expect(t.statusLine()).toMatch(/^\[0\] 0:ssh\* /);
    await t.type('hostname\r');
    await until(t, (s) => s.split('\n').includes('cka02'), 'hostname');
  });
  it('resizes the active pane with Ctrl and Alt arrows after the prefix', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    await t.type('\x02\x1b[1;5D');
    expect(t.lines()[0].indexOf('│')).toBe(39);
    await t.type('\x02\x1b[1;3D');
    expect(t.lines()[0].indexOf('│')).toBe(34);
    await t.type("tmux list-panes -F '#{pane_width}'\r");
    expect(t.lines().map((l) => l.slice(35))).toContain('45');
  });

  it('repeats arrow bindings without the prefix, then types normally again', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    await t.type('\x02"');
    await t.type('\x02\x1b[A');
    await t.type('\x1b[D');
    await t.type('echo left\r');
    expect(t.lines()[1]).toBe(`left${' '.repeat(BORDER_COL - 4)}│`);
  });

  it('ends a pane on Ctrl-D at an empty prompt', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    await t.type('\x04');
    await until(t, (s) => !s.includes('│'), 'the pane to close');
    expect(t.lines()[0]).toBe('root@cka01:~#');
  });
  it('runs a command given to new-session as the pane, ending with it', async () => {
    const t = await openTerminal();
    await t.type("tmux new -s job 'cat'\r");
    await until(t, () => /^\[job\] 0:cat\*/.test(t.statusLine()), 'the status line');
    await t.type('hello\r');
    expect(t.lines().slice(0, 2)).toEqual(['hello', 'hello']);
    await t.type('\x04');
    await until(t, (s) => s.includes('[exited]'), '[exited]');
  });
  it('follows the terminal when it is resized', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02%');
    t.rig.resize(100, 30);
    await t.settle();
    expect(t.statusLine()).toHaveLength(100);
    expect(t.lines()[0].indexOf('│')).toBe(50);
    await t.type('echo $COLUMNS\r');
    expect(t.lines()[1].slice(51)).toBe('49');
  });
  it('copies a line in copy mode and pastes it at the prompt with prefix ]', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('echo copied-text\r');
    await t.type('\x02[');
    // Up to the output line, to its start, select to its end, copy.
    await t.type('\x1b[A');
    for (let i = 0; i < 14; i++) await t.type('\x1b[D');
    await t.type('\x00');
    for (let i = 0; i < 10; i++) await t.type('\x1b[C');
    await t.type('\x1bw');
    await t.type('\x02]');
    expect(t.lines()[2]).toBe('root@cka01:~# copied-text');
    await t.type('tmux show-buffer\r'.replace(/^/, '\x15'));
    expect(t.lines()[3]).toBe('copied-text');
  });
  it('opens a session from the command prompt and shows it', async () => {
    const t = await openTerminal();
    await startTmux(t);
    await t.type('\x02:');
    expect(t.statusLine()).toBe(':');
    await t.type('new -s second\r');
    await until(t, () => /^\[second\] 0:bash\* /.test(t.statusLine()), 'the new session');
    await t.type('tmux ls\r');
    await until(t, (s) => s.includes('second: 1 windows'), 'the listing');
    expect(t.lines().filter((l) => / \(attached\)$/.test(l))).toHaveLength(1);
  });
});
