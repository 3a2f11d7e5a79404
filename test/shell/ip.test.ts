/**
 * ip and ss -s against the real iproute2 (test/golden/ip, recorded by scripts/golden/record-ip.sh):
 * our ip is given the recording machine's own links and routes (its `ip -j addr` and `ip -j route`)
 * and must print what the real ip printed for each case, errors and exit statuses included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSystem, setSystemProvider, type SystemProvider } from '../../src/shell/commands/lib/system';
import type { NetAddress, NetLink, NetRoute } from '../../src/shell/commands/lib/net-links';
import { socketSummary } from '../../src/shell/commands/lib/ss-summary';
import { runScript } from './differential/harness';

const GOLDEN = join(__dirname, '../golden/ip');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FOREVER = 4294967295;
/** Address flags `ip -j` reports as booleans, in the order ip prints them. */
const ADDRESS_FLAGS = ['secondary', 'temporary', 'nodad', 'optimistic', 'dadfailed', 'home', 'deprecated', 'tentative', 'dynamic', 'noprefixroute', 'autojoin', 'stable-privacy'];

function addressOf(a: Json): NetAddress {
  return {
    family: a.family, local: a.local, prefix: a.prefixlen, scope: a.scope, brd: a.broadcast, metric: a.metric,
    flags: ADDRESS_FLAGS.filter((f) => a[f] === true),
    validLft: a.valid_life_time === FOREVER ? undefined : a.valid_life_time,
    preferredLft: a.preferred_life_time === FOREVER ? undefined : a.preferred_life_time,
  };
}

function linkOf(l: Json): NetLink {
  return {
    index: l.ifindex, name: l.ifname, flags: l.flags, mtu: l.mtu, qdisc: l.qdisc, state: l.operstate, qlen: l.txqlen ?? 0,
    linkType: l.link_type, mac: l.address, brd: l.broadcast, master: l.master, altnames: l.altnames, addresses: (l.addr_info ?? []).map(addressOf),
  };
}

function routeOf(r: Json): NetRoute {
  return { dst: r.dst, via: r.gateway, dev: r.dev, proto: r.protocol, scope: r.scope, src: r.prefsrc, metric: r.metric, onlink: r.flags?.includes('onlink'), linkdown: r.flags?.includes('linkdown') };
}

const machine = JSON.parse(readFileSync(join(GOLDEN, 'machine.json'), 'utf8')) as { links: Json[]; routes: Json[] };
let saved: SystemProvider;
beforeAll(() => {
  saved = { ...getSystem() };
  setSystemProvider({ links: () => machine.links.map(linkOf), routes: () => machine.routes.map(routeOf), neighbours: () => [] });
});
afterAll(() => setSystemProvider(saved));

describe('ip prints what iproute2 prints for the same links and routes', () => {
  for (const file of readdirSync(GOLDEN).filter((f) => /^\d+\.txt$/.test(f)).sort()) {
    const [first, ...rest] = readFileSync(join(GOLDEN, file), 'utf8').split('\n');
    const args = first.replace(/^\$ ip ?/, '');
    it(`ip ${args}`, async () => {
      const r = await runScript(`ip ${args} 2>&1; echo "[exit $?]"\n`);
      expect(r.stdout).toBe(rest.join('\n'));
    });
  }
});

describe('ss -s', () => {
  it('lays out its summary as ss does (numbers aside)', () => {
    const [, ...real] = readFileSync(join(GOLDEN, 'ss-s.txt'), 'utf8').split('\n');
    const shape = (text: string) => text.replace(/\d+ */g, 'N ');
    const ours = socketSummary([{ address: '0.0.0.0', port: 22, backlog: 128 }, { address: '[::]', port: 22, backlog: 128 }], 3);
    expect(shape(ours)).toBe(shape(real.slice(0, -2).join('\n') + '\n'));
  });

  it('counts IPv4 listeners as TCP and [::] or * ones as TCP6', () => {
    const ours = socketSummary([{ address: '127.0.0.1', port: 1, backlog: 1 }, { address: '*', port: 2, backlog: 1 }, { address: '[::]', port: 3, backlog: 1 }], 5);
    expect(ours).toContain('Total: 13\nTCP:   3 (estab 0, closed 0, orphaned 0, timewait 0)\n');
    expect(ours).toContain('TCP\t  3         1         2        \n');
  });
});
