/**
 * systemctl's command line as systemd 249.11 on Ubuntu 22.04 reads it: getopt's errors, the values
 * it checks while parsing, --help, --version, -t help and -o help, replayed from the real binary
 * (test/golden/systemctl/options.json, recorded from jammy's systemd package with LC_ALL=C; the
 * package's own Ubuntu revision is the node's). Then options after the verb still apply.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';
import { replayRecorded } from './replay-recorded';
import cases from '../golden/systemctl/options.json';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(() => {
  world = bootWorld('cluster');
});

describe('systemctl: what the real one prints for its options', () => replayRecorded(cases));

describe('systemctl: options anywhere on the line', () => {
  it('status kubelet --no-pager -n 2 shows two journal lines; is-active -q answers by status alone', async () => {
    const r = await run('systemctl status kubelet --no-pager -n 2');
    expect(r.stdout).toMatch(/^● kubelet\.service - kubelet: The Kubernetes Node Agent\n/);
    const journal = r.stdout.trimEnd().split('\n\n')[1].split('\n');
    expect(journal.length).toBe(2);
    const q = await run('systemctl is-active -q kubelet; echo $?');
    expect(q.stdout).toBe('0\n');
  });
});
