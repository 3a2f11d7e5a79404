/**
 * `kubectl get` and `kubectl describe` of every kind against the goldens recorded from the real
 * kubectl 1.33 on the world of printers-world.ts (test/kubectl/printers-record.ts): our kubectl
 * reads the very answers the real one read (top-replay.ts), at the wall-clock second the real one
 * ran in or one of the instants of that run (_clock.json), must print the same bytes, and may ask
 * for nothing the real one did not ask for in that case (_requests.json). For `get`, the cells come
 * from our column definitions on both sides (see printers-tables.ts): those cases check the
 * client's half.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock';
import { MemFs } from './_memfs';
import { runKubectl } from './_run';
import { KUBECONFIG, SERVER } from './_cluster';
import { CASES, goldenName } from './printers-cases';
import { routeRawPath } from '../../src/sim/apiserver/rawpath';
import type { ApiRequest, DiscoveryDocument } from '../../src/sim/apiserver/types';
import { keyOf, replayTransport } from './top-replay';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'printers-golden');
/** Per case: the wall-clock second it ran in, then the instants of its requests and its end (printers-record.ts). */
const CLOCK = JSON.parse(readFileSync(join(GOLDEN, '_clock.json'), 'utf8')) as Record<string, number[]>;
const REQUESTS = JSON.parse(readFileSync(join(GOLDEN, '_requests.json'), 'utf8')) as Record<string, string[]>;
const DISCOVERY = (JSON.parse(readFileSync(join(GOLDEN, '_api-cluster.json'), 'utf8')) as { discovery: DiscoveryDocument }).discovery;

/** What the real client asked for in a case, as request keys. */
function askedByReal(args: string): Set<string> {
  const keys = new Set<string>();
  for (const url of REQUESTS[args] ?? []) {
    const target = routeRawPath(url, () => DISCOVERY);
    if (target.kind === 'request') keys.add(keyOf(target.request));
  }
  return keys;
}

/** Cases that still differ from the real client, each with the reason (temporary: every one is a bug to fix). */
const KNOWN_DIFFERENCES = new Set<string>([]);

/** klog's header carries the instant and the process id of the run: masked on both sides, as test/kubectl/golden.test.ts does. */
const maskKlog = (s: string) => s.replace(/^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'K0000 00:00:00.000000 PID ');

async function ours(args: string, now: number): Promise<{ text: string; unmatched: string[]; extra: string[] }> {
  const { transport: recorded, unmatched } = replayTransport(GOLDEN, 'cluster');
  const asked: string[] = [];
  const transport = { ...recorded, request: <T,>(req: ApiRequest) => (asked.push(keyOf(req)), recorded.request<T>(req)) };
  const fs = new MemFs('/root');
  fs.mkdir('/root/.kube', { recursive: true });
  fs.writeFile('/root/.kube/config', KUBECONFIG);
  const r = await runKubectl(`kubectl ${args}`, { fs, clock: new SimClock({ startMs: now }), transports: { [SERVER]: transport } });
  const real = askedByReal(args);
  const extra = [...new Set(asked)].filter((k) => !real.has(k));
  return { text: `$ kubectl ${args}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exit}\n`, unmatched, extra };
}

describe('kubectl get and describe print what the real kubectl 1.33 prints for the same answers', () => {
  it('has one golden per case', () => {
    expect(readdirSync(GOLDEN).filter((f) => f.endsWith('.txt'))).toHaveLength(CASES.length);
  });
  for (const [i, args] of CASES.entries()) {
    const test = KNOWN_DIFFERENCES.has(args) ? it.fails : it;
    test(`kubectl ${args}`, async () => {
      const golden = maskKlog(readFileSync(join(GOLDEN, goldenName(i, args)), 'utf8'));
      const [second, ...during] = CLOCK[args];
      let { text, unmatched, extra } = await ours(args, second);
      // An age from a microsecond eventTime may have turned while the real client ran: try its other instants.
      for (const now of during) {
        if (maskKlog(text) === golden) break;
        const other = await ours(args, now);
        if (maskKlog(other.text) === golden) ({ text, unmatched, extra } = other);
      }
      expect(unmatched, 'requests the real kubectl did not make').toEqual([]);
      expect(extra, 'requests the real kubectl did not make in this case').toEqual([]);
      expect(maskKlog(text)).toBe(golden);
    });
  }
});
