/**
 * tmux's command line without a terminal (a script, a pipe): the errors of tmux 3.2a word for
 * word, detached sessions, listing and killing them, and the command table's prefix matching.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { ctime, findCommand, splitWords } from '../../../src/tools/tmux/commands';

const machines = () => bootWorld('machines', 1);

describe('tmux without a terminal', () => {
  it('cannot connect before any server ran, then finds none running', async () => {
    const world = machines();
    const first = await runScript(world, 'cka01', 'tmux ls; echo $?');
    expect(first.stderr).toBe('error connecting to /tmp/tmux-0/default (No such file or directory)\n');
    expect(first.stdout).toBe('1\n');
    const open = await runScript(world, 'cka01', 'tmux; echo $?; tmux ls; ls -d /tmp/tmux-0');
    expect(open.stderr).toBe('open terminal failed: not a terminal\nno server running on /tmp/tmux-0/default\n');
    expect(open.stdout).toBe('1\n/tmp/tmux-0\n');
  });

  it('puts the uid in the socket path', async () => {
    const world = machines();
    await runScript(world, 'cka01', 'useradd -m alice');
    const uid = (await runScript(world, 'cka01', 'id -u alice')).stdout.trim();
    const r = await runScript(world, 'cka01', 'tmux attach; tmux ls', 'alice');
    expect(r.stderr).toBe(`no sessions\nno server running on /tmp/tmux-${uid}/default\n`);
  });

  it('creates detached sessions, lists them sorted by name and kills them', async () => {
    const world = machines();
    const r = await runScript(world, 'cka01', ['tmux new -d -s web', 'tmux new -d', 'tmux new-session -d -s a.b', 'tmux ls', 'tmux has -t web; echo has=$?', 'tmux kill-session -t web', 'tmux ls -F "#{session_name} #{session_windows}"'].join('\n'));
    const created = ctime(world.clock.date()).replace(/\d\d:\d\d:\d\d/, '\\d\\d:\\d\\d:\\d\\d');
    const lines = r.stdout.split('\n');
    // An unnamed session is named after its id: web was $0, so it is 1.
    expect(lines.slice(0, 3).map((l) => l.replace(/\(created .*\)/, '(created)'))).toEqual(['1: 1 windows (created)', 'a_b: 1 windows (created)', 'web: 1 windows (created)']);
    expect(lines[0]).toMatch(new RegExp(`^1: 1 windows \\(created ${created}\\)$`));
    expect(lines.slice(3)).toEqual(['has=0', '1 1', 'a_b 1', '']);
    expect(r.stderr).toBe('');
  });

  it('reports tmux errors for missing, duplicate and unknown things', async () => {
    const world = machines();
    const r = await runScript(
      world,
      'cka01',
      ['tmux new -d -s a', 'tmux new -d -s a', 'tmux attach -t foo', 'tmux kill-session -t zz', 'tmux has -t zz', 'tmux foo', 'tmux kill-s', 'tmux new -Q', 'tmux rename-window', 'tmux -Q'].join('\n'),
    );
    expect(r.stderr.split('\n')).toEqual([
      'duplicate session: a',
      "can't find session: foo",
      "can't find session: zz",
      "can't find session: zz",
      'unknown command: foo',
      'ambiguous command: kill-s, could be: kill-server, kill-session',
      'usage: new-session [-AdDEPX] [-c start-directory] [-e environment] [-F format] [-f flags] [-n window-name] [-s session-name] [-t target-session] [-x width] [-y height] [command]',
      'usage: rename-window [-t target-window] new-name',
      'tmux: unknown option -- Q',
      'usage: tmux [-2CDlNuvV] [-c shell-command] [-f file] [-L socket-name]',
      '            [-S socket-path] [-T features] [command [flags]]',
      '',
    ]);
  });

  it('lists the windows and panes of a detached session at the default size', async () => {
    const world = machines();
    const r = await runScript(world, 'cka01', 'tmux new -d -s w\ntmux list-windows -t w\ntmux split-window -h -t w\ntmux list-panes -t w -F "#P #{pane_width}x#{pane_height} #D"\ntmux kill-server\ntmux ls');
    // b25d: tmux's checksum of 80x24,0,0,0 (b25e for pane %1, as real tmux prints it).
    expect(r.stdout).toBe('0: bash* (1 panes) [80x24] [layout b25d,80x24,0,0,0] @0 (active)\n0 40x24 %0\n1 39x24 %1\n');
    expect(r.stderr).toBe('no server running on /tmp/tmux-0/default\n');
  });

  it('lists the default key bindings as tmux does', async () => {
    const r = await runScript(machines(), 'cka01', 'tmux new -d\ntmux list-keys -N | sed -n "1p;9p"\ntmux list-keys -T prefix | head -1\ntmux list-keys -T nope');
    expect(r.stdout).toBe('C-b C-b     Send the prefix key\nC-b %       Split window horizontally\nbind-key    -T prefix C-b     send-prefix\n');
    expect(r.stderr).toBe("table nope doesn't exist\n");
  });

  it('sends keys to a pane and captures its screen, as scripts drive tmux', async () => {
    const r = await runScript(
      machines(),
      'cka01',
      ["tmux new -d -s w -x 40 -y 10", "tmux send-keys -t w 'echo hi' Enter", 'tmux capture-pane -p -t w | head -3', "tmux send-keys -t w C-c 'seq 2' C-m", 'tmux capture-pane -p -t w | wc -l', 'tmux capture-pane -p -S 3 -E 6 -t w:0.0', 'tmux send-keys -t nope x'].join('\n'),
    );
    expect(r.stdout).toBe('root@cka01:~# echo hi\nhi\nroot@cka01:~#\n10\nroot@cka01:~# seq 2\n1\n2\nroot@cka01:~#\n');
    expect(r.stderr).toBe("can't find pane: nope\n");
  });

  it('prints its version', async () => {
    expect((await runScript(machines(), 'cka01', 'tmux -V')).stdout).toBe('tmux 3.2a\n');
  });
});

describe('tmux command table', () => {
  it('matches aliases and unique prefixes as cmd_find does', () => {
    expect(findCommand('ls')).toEqual({ name: 'list-sessions' });
    expect(findCommand('a')).toEqual({ name: 'attach-session' });
    expect(findCommand('new')).toEqual({ name: 'new-session' });
    expect(findCommand('kill-ser')).toEqual({ name: 'kill-server' });
    expect(findCommand('list')).toEqual({ error: 'ambiguous command: list, could be: list-buffers, list-clients, list-commands, list-keys, list-panes, list-sessions, list-windows' });
    expect(findCommand('nope')).toEqual({ error: 'unknown command: nope' });
  });

  it('splits prompt lines with quotes', () => {
    expect(splitWords(`rename-window "my window"`)).toEqual(['rename-window', 'my window']);
    expect(splitWords(`new -s 'a b'  -d`)).toEqual(['new', '-s', 'a b', '-d']);
  });

  it('prints the created time as ctime does', () => {
    expect(ctime(new Date(Date.UTC(2026, 10, 2, 5, 4, 3)))).toBe('Mon Nov  2 05:04:03 2026');
  });
});

describe('layout checksum', () => {
  it('is the one real tmux prints', async () => {
    const { layoutChecksum } = await import('../../../src/tools/tmux/layout-string');
    // tmux 3.3a: `0: bash* (1 panes) [80x24] [layout b25e,80x24,0,0,1] @1 (active)`.
    expect(layoutChecksum('80x24,0,0,1')).toBe('b25e');
  });
});
