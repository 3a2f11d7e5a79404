/**
 * send-keys -N: the repeat count as tmux 3.3a checks it (strtonum over 1..UINT_MAX, recorded
 * from the real tmux on this machine), and a huge count that types a bounded number of keys
 * instead of freezing the page.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { MAX_SEND_KEYS_BYTES, repeatCount } from '../../../src/tools/tmux/commands';

describe('tmux send-keys -N', () => {
  it('refuses counts out of 1..UINT_MAX with tmux\'s words and status 1', async () => {
    const world = bootWorld('machines', 1);
    const r = await runScript(world, 'cka01', ['tmux new -d -s w', 'for n in 0 -1 abc 4294967296; do tmux send-keys -t w -N $n a; echo $?; done'].join('\n'));
    expect(r.stderr).toBe('repeat count too small\nrepeat count too small\nrepeat count invalid\nrepeat count too large\n');
    expect(r.stdout).toBe('1\n1\n1\n1\n');
    expect(repeatCount('4294967295')).toBe(4294967295);
    expect(repeatCount('3')).toBe(3);
  });

  it('repeats the keys N times', async () => {
    const world = bootWorld('machines', 1);
    const r = await runScript(world, 'cka01', ['tmux new -d -s w -x 40 -y 10', "tmux send-keys -t w -N 3 'echo -n ab' Enter", 'sleep 1', 'tmux capture-pane -p -t w | grep -c "^ab"'].join('\n'));
    expect(r.stdout).toBe('3\n');
  });

  it('types a bounded number of bytes for a huge count', async () => {
    const world = bootWorld('machines', 1);
    const r = await runScript(world, 'cka01', ['tmux new -d -s w -x 40 -y 10', 'tmux send-keys -t w -N 100000000 a; echo $?', 'tmux capture-pane -p -t w | head -1'].join('\n'));
    expect(r.stdout).toBe(`0\n${'a'.repeat(40)}\n`);
    // The pane's history holds the capped keys (wrapped over 40 columns), not a hundred million.
    const typed = await runScript(world, 'cka01', 'tmux capture-pane -p -S - -E - -t w | tr -cd a | wc -c');
    expect(Number(typed.stdout.trim())).toBeGreaterThan(MAX_SEND_KEYS_BYTES / 2);
    expect(Number(typed.stdout.trim())).toBeLessThan(MAX_SEND_KEYS_BYTES * 2);
  });
});
