/**
 * journalctl as systemd 249.11 on Ubuntu 22.04 answers: option and value errors, --help,
 * --version and -o help replayed from the real binary (test/golden/journalctl/errors.json, recorded
 * from jammy's systemd package with LC_ALL=C and no journal files; the package's own Ubuntu
 * revision is the node's), then the filters over the simulated node's journal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';
import { replayRecorded } from './replay-recorded';
import cases from '../golden/journalctl/errors.json';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(() => {
  world = bootWorld('cluster');
});

describe('journalctl: what the real one prints for its options', () => replayRecorded(cases));

describe("journalctl: filters over the node's journal", () => {
  it('-u with -n, -r, -o cat and short-iso', async () => {
    const all = (await run('journalctl -u kubelet --no-pager')).stdout.trimEnd().split('\n');
    expect(all.length).toBeGreaterThan(3);
    expect((await run('journalctl -u kubelet -n 2')).stdout.trimEnd().split('\n')).toEqual(all.slice(-2));
    expect((await run('journalctl -u kubelet -n 2 -r')).stdout.trimEnd().split('\n')).toEqual(all.slice(-2).reverse());
    const cat = (await run('journalctl -u kubelet -n 1 -o cat')).stdout;
    expect(all[all.length - 1].endsWith(`]: ${cat.trimEnd()}`)).toBe(true);
    expect((await run('journalctl -u kubelet -n 1 -o short-iso')).stdout).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d\+0000 cka01 kubelet\[\d+\]: /);
  });

  it('--since and --until keep the entries of their window; a glob -u and -t select', async () => {
    const all = (await run('journalctl -o short-unix --no-pager')).stdout.trimEnd().split('\n');
    const times = all.map((l) => Number(l.split(' ')[0]));
    const mid = times[Math.floor(times.length / 2)];
    const since = (await run(`journalctl -o short-unix --since @${mid}`)).stdout.trimEnd().split('\n');
    expect(since).toEqual(all.filter((_, i) => times[i] >= mid));
    const until = (await run(`journalctl -o short-unix --until @${mid}`)).stdout.trimEnd().split('\n');
    expect(until).toEqual(all.filter((_, i) => times[i] <= mid));
    expect((await run('journalctl --since "1 year ago" --until tomorrow -n all')).stdout.split('\n').length).toBe(all.length + 1);
    const glob = (await run("journalctl -u 'kube*' -o cat")).stdout;
    expect(glob).toBe((await run('journalctl -u kubelet -o cat')).stdout);
    expect((await run('journalctl -t systemd')).stdout.trimEnd().split('\n').every((l) => / systemd\[1\]: /.test(l))).toBe(true);
  });

  it("-p: a crash-looping kubelet's own errors are info on its stream; systemd's results are warning and notice", async () => {
    await run('mv /var/lib/kubelet/config.yaml /tmp/kc.yaml\nsystemctl restart kubelet\nsleep 30');
    // Restart=always: each start job succeeds ("Started"), so no "Failed to start" at err.
    expect((await run('journalctl -u kubelet -p err')).stdout).toBe('-- No entries --\n');
    const warning = (await run('journalctl -u kubelet -p warning')).stdout;
    expect(warning).toMatch(/kubelet\.service: Failed with result 'exit-code'\./);
    expect(warning).not.toMatch(/Main process exited/);
    expect((await run('journalctl -u kubelet -p notice')).stdout).toMatch(/Main process exited, code=exited, status=1\/FAILURE/);
    await run('mv /tmp/kc.yaml /var/lib/kubelet/config.yaml\nsystemctl restart kubelet');
  });

  it('matches: an executable, FIELD=VALUE, and -g with smart case', async () => {
    // The same window for both: the kubelet writes on while they run.
    const r = await run('t=$(date +%s); journalctl /usr/bin/kubelet -o cat --until @$t > /tmp/a; journalctl SYSLOG_IDENTIFIER=kubelet -o cat --until @$t > /tmp/b; wc -l < /tmp/a; cmp /tmp/a /tmp/b && echo same');
    expect(r.stdout).toMatch(/^[1-9]\d*\nsame\n$/);
    expect((await run('journalctl -g "registered NODE" -o cat')).stdout).toBe('');
    expect((await run('journalctl -g "registered node" -o cat')).stdout).toMatch(/Successfully registered node/);
  });
});
