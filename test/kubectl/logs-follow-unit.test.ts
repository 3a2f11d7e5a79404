/** followLogs against a scripted pods/log: Ctrl-C ends it with 130; a restarted container ends its stream. */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock';
import { followLogs } from '../../src/kubectl/cmd/logs-follow';
import type { Connection } from '../../src/kubectl/client/connection';
import type { Invocation } from '../../src/kubectl/invocation';
import type { ApiRequest } from '../../src/sim/apiserver/types';

/** A container that writes one line a second from t=0; `restartAt` gives it a new container ID. */
function fakeCluster(clock: SimClock, restartAt = Infinity) {
  const start = clock.now();
  const stamp = (s: number) => `2026-01-15T08:00:${String(s).padStart(2, '0')}.000000000Z`;
  const conn = {
    request(req: ApiRequest) {
      const now = Math.floor((clock.now() - start) / 1000);
      const restarted = now >= restartAt;
      if (req.subresource === 'log') {
        const previous = req.query?.previous === 'true';
        const from = restarted && !previous ? restartAt : 0;
        const to = restarted && previous ? restartAt - 1 : now;
        const lines: string[] = [];
        for (let s = from; s <= to; s++) lines.push(`${stamp(s)} line ${s}\n`);
        return { code: 200, body: lines.join('') };
      }
      const id = restarted ? 'containerd://b' : 'containerd://a';
      return { code: 200, body: { status: { containerStatuses: [{ name: 'c', containerID: id, state: { running: {} } }] } } };
    },
  } as unknown as Connection;
  return conn;
}

function invocation(clock: SimClock, signal: AbortSignal, out: string[]): Invocation {
  return {
    ctx: { clock, signal },
    flags: { bool: () => false },
    out: (t: string) => void out.push(t),
    err: () => undefined,
  } as unknown as Invocation;
}

describe('followLogs', () => {
  it('prints each new line as the clock moves, and returns 130 on Ctrl-C', async () => {
    const clock = new SimClock({ startMs: Date.parse('2026-01-15T08:00:00Z') });
    const ac = new AbortController();
    clock.setTimeout(() => ac.abort(), 3500);
    const out: string[] = [];
    const code = await followLogs(invocation(clock, ac.signal, out), fakeCluster(clock), 'default', [{ pod: 'p', container: 'c', prefix: '' }]);
    expect(code).toBe(130);
    expect(out.join('')).toBe('line 1\nline 2\nline 3\n');
  });

  it('ends with 0 when the container is replaced, after the old instance\'s last lines', async () => {
    const clock = new SimClock({ startMs: Date.parse('2026-01-15T08:00:00Z') });
    const out: string[] = [];
    const code = await followLogs(invocation(clock, new AbortController().signal, out), fakeCluster(clock, 3), 'default', [{ pod: 'p', container: 'c', prefix: '[pod/p/c] ' }]);
    expect(code).toBe(0);
    expect(out.join('')).toBe('[pod/p/c] line 1\n[pod/p/c] line 2\n');
  });
});
