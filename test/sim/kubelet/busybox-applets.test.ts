/**
 * The busybox image's applets that are not GNU's (cmp, comm, paste, expand, fold, od, hexdump,
 * sha1sum, chgrp, more, less, nohup, sync, timeout, pgrep, pkill, killall, pidof, dmesg, watch)
 * answer in a Pod as busybox 1.36.1 does: stdout, stderr and status of each case of
 * test/golden/busybox-applets/cases.txt, recorded from a build of tag 1_36_1 with the image's
 * configuration (scripts/busybox/record-applets.sh).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

const GOLDEN = 'test/golden/busybox-applets';
const cases = readFileSync(`${GOLDEN}/cases.txt`, 'utf8').split('\n').filter(Boolean);
/** The recorded blocks, by command. */
const expected = new Map(
  readFileSync(`${GOLDEN}/expected.txt`, 'utf8')
    .split(/^(?=\$ )/m)
    .map((block) => [block.slice(2, block.indexOf('\n')), block.slice(block.indexOf('\n') + 1)] as const),
);

/** The fixture record-applets.sh writes in its scratch directory. */
const FIXTURE = String.raw`mkdir -p /tmp/w && cd /tmp/w && printf 'a\tb\nhello world\n' > f1 && printf 'x\ny\n' > f2 && printf 'a\n' > s1 && printf 'a\tb c\nb\n' > s2`;

/**
 * The case's words as record-applets.sh passes them (split at spaces), each quoted for the
 * container's sh; the applet by its path, as the recording ran it (a bare `kill` is ash's builtin).
 */
const words = (c: string) => c.split(' ').map((w, i) => `'${i === 0 ? `/bin/${w}` : w}'`).join(' ');

let world: World;
const actual = new Map<string, string>();

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await runScript(world, 'cka01', 'kubectl run bb --image=busybox:1.36 -- sleep 3600; sleep 30; kubectl get pods --no-headers');
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
  const script = cases
    // No stdin: kubectl exec without -i gives none (the recording read /dev/null).
    .map((c) => `echo '$ ${c}'; ${words(c)} >/tmp/.out 2>/tmp/.err; s=$?; cat /tmp/.out; echo '--- stderr'; cat /tmp/.err; echo "--- status $s"`)
    .join('\n');
  const quoted = `${FIXTURE}\n${script}`.replace(/'/g, `'\\''`);
  const out = await runScript(world, 'cka01', `kubectl exec bb -- sh -c '${quoted}'`);
  expect(out.stdout).toMatch(/^\$ /);
  for (const block of out.stdout.split(/^(?=\$ )/m)) actual.set(block.slice(2, block.indexOf('\n')), block.slice(block.indexOf('\n') + 1));
}, 120_000);

describe('busybox applets answer as busybox 1.36.1', () => {
  it.each(cases)('%s', (c) => {
    expect(expected.has(c)).toBe(true);
    expect(actual.get(c)).toBe(expected.get(c));
  });
});
